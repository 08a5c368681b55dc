//! A summarizer's parameters: the mapping a config entry hands its build function
//! ([`Params`]), and everything said about them, derived from the parameter struct itself
//! ([`ParamSchema`]): each parameter's type, default, range and doc comment, for
//! `sumbench list`, the config's JSON Schema and the range checks.
//!
//! A parameter is declared once, as a field of the summarizer's struct: its doc comment
//! is its documentation, `Default` its default, and a schemars attribute its range
//! (`#[schemars(range(min = 1))]`, or `#[schemars(extend("exclusiveMinimum" = 0))]` for
//! an open bound). [`check`] enforces that range when the config is read, with one
//! message shape for every system: `damping: 5 is out of range; expected a number in (0, 1)`.
//! What a range cannot say (a relation between two keys, a program that must exist) stays
//! in the system's [`super::Summarizer::validate`].
//!
//! NaN and infinities fail every number parameter: no parameter of a built-in system has a
//! meaning for them, and NaN would otherwise slip through comparisons silently.
use schemars::{JsonSchema, Schema};
use serde::de::{DeserializeOwned, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// The parameter mapping a config entry gives a summarizer: the entry's keys except the
/// shared `type`, `name`, `candidates` and `order`.
///
/// It keeps the config's YAML private, so a build function outside this crate needs no
/// YAML crate of its own: [`Params::parse`] turns it into the summarizer's struct, and a
/// struct may hold a nested summarizer config (MMR's `base`) as a `Params` field.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Params(serde_yaml::Value);

impl Params {
    /// Parameters written as YAML (or JSON) text, e.g. `{damping: 0.8}`: for building a
    /// system in code or in a test.
    pub fn from_yaml(text: &str) -> Result<Params, String> {
        serde_yaml::from_str(text)
            .map(Params)
            .map_err(|e| e.to_string())
    }

    /// Parameters given as a JSON value.
    pub fn from_json(value: &Json) -> Result<Params, String> {
        serde_yaml::to_value(value)
            .map(Params)
            .map_err(|e| e.to_string())
    }

    /// Wraps a parsed config value.
    pub(crate) fn from_value(value: serde_yaml::Value) -> Params {
        Params(value)
    }

    /// Deserializes the mapping into `T` (no mapping at all counts as an empty one, so a
    /// `#[serde(default)]` struct takes every default). With `deny_unknown_fields` on `T`
    /// a misspelt key is an error naming it and the expected keys.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, String> {
        let value = if self.0.is_null() {
            serde_yaml::Value::Mapping(Default::default())
        } else {
            self.0.clone()
        };
        serde_yaml::from_value(value).map_err(|e| e.to_string())
    }

    /// The `type` key of a nested summarizer config such as MMR's `base`, when it is a string.
    pub fn kind(&self) -> Option<&str> {
        self.0.get("type").and_then(serde_yaml::Value::as_str)
    }

    /// The mapping as a config value.
    pub(crate) fn value(&self) -> &serde_yaml::Value {
        &self.0
    }
}

impl Serialize for Params {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Params {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_yaml::Value::deserialize(d).map(Params)
    }
}

impl JsonSchema for Params {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Params".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> Schema {
        schemars::json_schema!({"type": "object"})
    }
}

/// A parameter struct's JSON Schema, subschemas inlined, with its fields in declaration
/// order (the schema's map of properties is sorted by name).
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ParamSchema {
    /// The schema: an object with one property per parameter (doc comment as
    /// `description`, `default`, range keywords), `required` for those without default.
    pub schema: Schema,
    /// The parameters in declaration order.
    pub fields: &'static [&'static str],
}

/// The [`ParamSchema`] of a summarizer whose struct is its parameter set: what
/// [`super::registry::Spec::params`] usually points to.
pub fn params_of<T: JsonSchema + DeserializeOwned>() -> ParamSchema {
    ParamSchema {
        schema: inline_schema::<T>(),
        fields: field_names::<T>(),
    }
}

/// `T`'s schema with every subschema inlined, so a parameter's enum values sit in the
/// parameter's own property.
fn inline_schema<T: JsonSchema>() -> Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator()
        .into_root_schema_for::<T>()
}

/// One parameter as `sumbench list` shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ParamInfo {
    /// The key in configs.
    pub name: String,
    /// Its type in words: `number`, `integer`, `latest | round-robin`, `list of string`, …
    #[serde(rename = "type")]
    pub kind: String,
    /// The default value (`None`: the parameter is required).
    pub default: Option<Json>,
    /// The valid range, such as `(0, 1)` or `≥ 1`, when one is declared.
    pub range: Option<String>,
    /// The doc comment of its field, on one line, followed by its values' doc comments.
    pub doc: String,
}

impl ParamSchema {
    fn properties(&self) -> Option<&serde_json::Map<String, Json>> {
        self.schema.get("properties").and_then(Json::as_object)
    }

    /// Every parameter, in declaration order.
    pub fn list(&self) -> Vec<ParamInfo> {
        let Some(props) = self.properties() else {
            return Vec::new();
        };
        let mut names: Vec<&str> = self
            .fields
            .iter()
            .copied()
            .filter(|f| props.contains_key(*f))
            .collect();
        for name in props.keys() {
            if !names.contains(&name.as_str()) {
                names.push(name);
            }
        }
        names
            .into_iter()
            .map(|name| {
                let prop = &props[name];
                ParamInfo {
                    name: name.to_owned(),
                    kind: type_words(prop),
                    default: prop.get("default").cloned(),
                    range: Bounds::of(prop).and_then(|b| b.interval_opt()),
                    doc: doc_line(prop),
                }
            })
            .collect()
    }

    /// The default parameters, as a JSON object (a required parameter is left out).
    pub fn defaults(&self) -> Json {
        let map = self
            .properties()
            .into_iter()
            .flatten()
            .filter_map(|(k, p)| Some((k.clone(), p.get("default")?.clone())))
            .collect();
        Json::Object(map)
    }
}

/// The field names `T`'s `Deserialize` asks for, in declaration order: serde hands them to
/// `deserialize_struct`, which this probe records before giving up. A type that is not a
/// plain struct gives none (its parameters are then listed by name).
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut fields = None;
    let _ = T::deserialize(FieldProbe(&mut fields));
    fields.unwrap_or(&[])
}

struct FieldProbe<'a>(&'a mut Option<&'static [&'static str]>);

impl<'de> serde::Deserializer<'de> for FieldProbe<'_> {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = Some(fields);
        Err(serde::de::Error::custom("fields recorded"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
        identifier ignored_any
    }
}

/// The schema's `type`, as a list.
fn types(prop: &Json) -> Vec<&str> {
    match prop.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    }
}

/// The enum values a property allows (`enum`, or `oneOf`/`anyOf` of `const`s), each with
/// its doc comment.
fn enum_values(prop: &Json) -> Option<Vec<(String, Option<String>)>> {
    if let Some(values) = prop.get("enum").and_then(Json::as_array) {
        return Some(values.iter().map(|v| (show(v), None)).collect());
    }
    let variants = prop
        .get("oneOf")
        .or_else(|| prop.get("anyOf"))?
        .as_array()?;
    let mut out = Vec::new();
    for v in variants {
        if let Some(c) = v.get("const") {
            let doc = v
                .get("description")
                .map(|d| one_line(d).trim_end_matches('.').to_owned());
            out.push((show(c), doc));
        } else if let Some(values) = v.get("enum").and_then(Json::as_array) {
            out.extend(values.iter().map(|c| (show(c), None)));
        } else if types(v) == ["null"] {
            out.push(("null".into(), None));
        } else {
            return None;
        }
    }
    Some(out)
}

/// A JSON value as written in a config: strings bare.
fn show(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn one_line(text: &Json) -> String {
    text.as_str()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A property's type in words.
fn type_words(prop: &Json) -> String {
    if let Some(values) = enum_values(prop) {
        return values
            .into_iter()
            .map(|(v, _)| v)
            .collect::<Vec<_>>()
            .join(" | ");
    }
    let words: Vec<String> = types(prop)
        .into_iter()
        .map(|t| match t {
            "object" => "mapping".to_owned(),
            "array" => {
                let item = prop
                    .get("items")
                    .map(type_words)
                    .unwrap_or_else(|| "any".into());
                format!("list of {item}")
            }
            other => other.to_owned(),
        })
        .collect();
    if words.is_empty() {
        "any".into()
    } else {
        words.join(" or ")
    }
}

/// The field's doc comment on one line, followed by its enum values' doc comments.
fn doc_line(prop: &Json) -> String {
    let mut doc = prop.get("description").map(one_line).unwrap_or_default();
    let described: Vec<String> = enum_values(prop)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|(v, d)| Some(format!("`{v}`: {}", d?)))
        .collect();
    if !described.is_empty() {
        if !doc.is_empty() {
            doc.push(' ');
        }
        doc.push_str(&described.join("; "));
    }
    doc
}

/// A number's range as the schema declares it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds {
    low: Option<(f64, bool)>,
    high: Option<(f64, bool)>,
    integer: bool,
    nullable: bool,
}

impl Bounds {
    /// The bounds of a number or integer property (`None` for any other type); bounds are
    /// `(value, inclusive)`.
    fn of(prop: &Json) -> Option<Bounds> {
        let ts = types(prop);
        let integer = ts.contains(&"integer");
        if !integer && !ts.contains(&"number") {
            return None;
        }
        let num = |k: &str| prop.get(k).and_then(Json::as_f64);
        let bound = |inclusive: &str, exclusive: &str| {
            num(exclusive)
                .map(|v| (v, false))
                .or_else(|| num(inclusive).map(|v| (v, true)))
        };
        Some(Bounds {
            low: bound("minimum", "exclusiveMinimum"),
            high: bound("maximum", "exclusiveMaximum"),
            integer,
            nullable: ts.contains(&"null"),
        })
    }

    fn contains(&self, x: f64) -> bool {
        let above = self
            .low
            .is_none_or(|(b, inc)| if inc { x >= b } else { x > b });
        let below = self
            .high
            .is_none_or(|(b, inc)| if inc { x <= b } else { x < b });
        x.is_finite() && above && below
    }

    /// `[0, 1)`, `> 0`, `≥ 1`; `None` when unbounded.
    fn interval_opt(&self) -> Option<String> {
        Some(match (self.low, self.high) {
            (Some((lo, li)), Some((hi, hi_inc))) => format!(
                "{}{lo}, {hi}{}",
                if li { '[' } else { '(' },
                if hi_inc { ']' } else { ')' }
            ),
            (Some((lo, inc)), None) => format!("{} {lo}", if inc { '≥' } else { '>' }),
            (None, Some((hi, inc))) => format!("{} {hi}", if inc { '≤' } else { '<' }),
            (None, None) => return None,
        })
    }

    /// What a refusal says is expected: `a number in (0, 1)`, `an integer ≥ 1`,
    /// `a finite number > 0`, with ` or null` for an optional parameter.
    fn expected(&self) -> String {
        let what = match (self.integer, self.low.is_some() && self.high.is_some()) {
            (true, _) => "an integer",
            (false, true) => "a number",
            (false, false) => "a finite number",
        };
        let range = match (
            self.interval_opt(),
            self.low.is_some() && self.high.is_some(),
        ) {
            (Some(r), true) => format!(" in {r}"),
            (Some(r), false) => format!(" {r}"),
            (None, _) => String::new(),
        };
        let null = if self.nullable { " or null" } else { "" };
        format!("{what}{range}{null}")
    }
}

/// The common refusal: the key, the value given and what is expected.
fn refuse(key: &str, value: impl std::fmt::Display, expected: &str) -> String {
    format!("{key}: {value} is out of range; expected {expected}")
}

/// Refuses every parameter of `value` outside the range its schema declares, and every
/// non-finite number, naming the first such key in declaration order.
///
/// Cheap enough for a summarizer's `select` to call on itself (for structs built in code,
/// which skip the builder): each type's schema is generated once per process.
pub fn check<T: JsonSchema + Serialize + 'static>(value: &T) -> Result<(), String> {
    check_against(&cached_schema::<T>(), value)
}

/// `T`'s inlined schema, generated on first use.
fn cached_schema<T: JsonSchema + 'static>() -> std::sync::Arc<Schema> {
    use std::any::TypeId;
    // BTreeMap: a HashMap's random seed would make `select`'s instruction count vary
    // between identical runs (the instruction-count gate, docs/ci.md).
    use std::collections::BTreeMap;
    use std::sync::{Arc, Mutex, OnceLock};
    static CACHE: OnceLock<Mutex<BTreeMap<TypeId, Arc<Schema>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    Arc::clone(
        map.entry(TypeId::of::<T>())
            .or_insert_with(|| Arc::new(inline_schema::<T>())),
    )
}

/// [`check`] against an already generated schema.
///
/// The value's fields are walked as it serializes them (no intermediate map): a YAML or
/// JSON value would cost allocations on every `select`, yaml_serde's mappings hash with
/// std's randomly seeded `RandomState` (so `select`'s instruction count would differ
/// between identical runs, see the instruction-count gate in docs/ci.md), and serde_json
/// turns NaN into `null`, which would hide the non-finite numbers refused here.
pub(crate) fn check_against<T: Serialize + ?Sized>(
    schema: &Schema,
    value: &T,
) -> Result<(), String> {
    let fields = RangeCheck {
        props: schema.get("properties").and_then(Json::as_object),
    };
    match value.serialize(fields) {
        Err(Refusal(Some(message))) => Err(message),
        // Not a struct or a map (or it would not serialize): no parameter to check.
        Ok(()) | Err(Refusal(None)) => Ok(()),
    }
}

/// Why [`RangeCheck`] stopped: `Some` refusal for an out-of-range parameter, `None` when
/// the value is not a struct or map of parameters.
#[derive(Debug)]
struct Refusal(Option<String>);

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_deref().unwrap_or("not a parameter struct"))
    }
}

impl std::error::Error for Refusal {}

impl serde::ser::Error for Refusal {
    fn custom<M: std::fmt::Display>(_: M) -> Self {
        Refusal(None)
    }
}

/// A serializer that checks each field of a struct (or entry of a map with string keys)
/// against its property in the schema, in the order the value serializes them, stopping
/// at the first refusal.
#[derive(Clone, Copy)]
struct RangeCheck<'a> {
    props: Option<&'a serde_json::Map<String, Json>>,
}

impl RangeCheck<'_> {
    /// Refuses `value` when it is a number outside the range declared for `key`, or not
    /// finite; anything else (a string, a list, `null`, an undeclared key) passes.
    fn field<V: Serialize + ?Sized>(&self, key: &str, value: &V) -> Result<(), Refusal> {
        let Ok(Scalar::Number(n)) = value.serialize(ScalarProbe) else {
            return Ok(());
        };
        let Some(bounds) = self.props.and_then(|p| p.get(key)).and_then(Bounds::of) else {
            return Ok(());
        };
        if bounds.contains(n.as_f64()) {
            Ok(())
        } else {
            Err(Refusal(Some(refuse(key, n, &bounds.expected()))))
        }
    }
}

/// Serializer methods that refuse a value which is not a struct or map of parameters.
macro_rules! not_parameters {
    ($($method:ident($($arg:ty),*);)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<Self::Ok, Self::Error> {
            Err(Refusal(None))
        }
    )*};
}

impl<'a> serde::Serializer for RangeCheck<'a> {
    type Ok = ();
    type Error = Refusal;
    type SerializeSeq = serde::ser::Impossible<(), Refusal>;
    type SerializeTuple = serde::ser::Impossible<(), Refusal>;
    type SerializeTupleStruct = serde::ser::Impossible<(), Refusal>;
    type SerializeTupleVariant = serde::ser::Impossible<(), Refusal>;
    type SerializeMap = MapFields<'a>;
    type SerializeStruct = Self;
    type SerializeStructVariant = serde::ser::Impossible<(), Refusal>;

    not_parameters! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32);
        serialize_i64(i64); serialize_i128(i128); serialize_u8(u8); serialize_u16(u16);
        serialize_u32(u32); serialize_u64(u64); serialize_u128(u128); serialize_f32(f32);
        serialize_f64(f64); serialize_char(char); serialize_str(&str);
        serialize_bytes(&[u8]); serialize_none(); serialize_unit();
        serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<(), Refusal> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<(), Refusal> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<(), Refusal> {
        Err(Refusal(None))
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Refusal> {
        Err(Refusal(None))
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Refusal> {
        Err(Refusal(None))
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Refusal> {
        Err(Refusal(None))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Refusal> {
        Err(Refusal(None))
    }

    fn serialize_map(self, _: Option<usize>) -> Result<MapFields<'a>, Refusal> {
        Ok(MapFields {
            check: self,
            key: None,
        })
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Refusal> {
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Refusal> {
        Err(Refusal(None))
    }
}

impl serde::ser::SerializeStruct for RangeCheck<'_> {
    type Ok = ();
    type Error = Refusal;

    fn serialize_field<V: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &V,
    ) -> Result<(), Refusal> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Refusal> {
        Ok(())
    }
}

/// [`RangeCheck`] over a map (a struct with flattened fields serializes as one): entries
/// whose key is not a string are passed over, as they name no parameter.
struct MapFields<'a> {
    check: RangeCheck<'a>,
    key: Option<String>,
}

impl serde::ser::SerializeMap for MapFields<'_> {
    type Ok = ();
    type Error = Refusal;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Refusal> {
        self.key = match key.serialize(ScalarProbe) {
            Ok(Scalar::Str(k)) => Some(k),
            _ => None,
        };
        Ok(())
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Refusal> {
        match self.key.take() {
            Some(key) => self.check.field(&key, value),
            None => Ok(()),
        }
    }

    fn end(self) -> Result<(), Refusal> {
        Ok(())
    }
}

/// A value as [`RangeCheck`] sees it: a number (as the struct holds it, so an integer is
/// shown as one), a string (a map key), or anything else.
enum Scalar {
    Number(Number),
    Str(String),
    Other,
}

/// A parameter's number.
#[derive(Clone, Copy)]
enum Number {
    Int(i128),
    Float(f64),
}

impl Number {
    fn as_f64(self) -> f64 {
        match self {
            Number::Int(i) => i as f64,
            Number::Float(x) => x,
        }
    }
}

impl std::fmt::Display for Number {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Number::Int(i) => i.fmt(f),
            Number::Float(x) => x.fmt(f),
        }
    }
}

/// Serializes one field's value into a [`Scalar`]: `Some(x)` and newtypes as `x`, as a
/// config would write them; lists, maps and enums with data are [`Scalar::Other`].
struct ScalarProbe;

/// Serializer methods for values that are neither a number nor a string.
macro_rules! other_scalar {
    ($($method:ident($($arg:ty),*);)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<Scalar, Refusal> {
            Ok(Scalar::Other)
        }
    )*};
}

/// Serializer methods for compound values, which are never a parameter's number.
macro_rules! compound_other {
    ($($method:ident($($arg:ty),*) -> $kind:ident;)*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<Self::$kind, Refusal> {
            Err(Refusal(None))
        }
    )*};
}

/// Serializer methods for numbers, kept as the struct holds them.
macro_rules! number {
    ($($method:ident($ty:ty) => $variant:ident($as:ty);)*) => {$(
        fn $method(self, v: $ty) -> Result<Scalar, Refusal> {
            Ok(Scalar::Number(Number::$variant(v as $as)))
        }
    )*};
}

impl serde::Serializer for ScalarProbe {
    type Ok = Scalar;
    type Error = Refusal;
    type SerializeSeq = serde::ser::Impossible<Scalar, Refusal>;
    type SerializeTuple = serde::ser::Impossible<Scalar, Refusal>;
    type SerializeTupleStruct = serde::ser::Impossible<Scalar, Refusal>;
    type SerializeTupleVariant = serde::ser::Impossible<Scalar, Refusal>;
    type SerializeMap = serde::ser::Impossible<Scalar, Refusal>;
    type SerializeStruct = serde::ser::Impossible<Scalar, Refusal>;
    type SerializeStructVariant = serde::ser::Impossible<Scalar, Refusal>;

    number! {
        serialize_i8(i8) => Int(i128); serialize_i16(i16) => Int(i128);
        serialize_i32(i32) => Int(i128); serialize_i64(i64) => Int(i128);
        serialize_i128(i128) => Int(i128); serialize_u8(u8) => Int(i128);
        serialize_u16(u16) => Int(i128); serialize_u32(u32) => Int(i128);
        serialize_u64(u64) => Int(i128); serialize_f32(f32) => Float(f64);
        serialize_f64(f64) => Float(f64);
    }

    other_scalar! {
        serialize_bool(bool); serialize_char(char); serialize_bytes(&[u8]);
        serialize_none(); serialize_unit(); serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    compound_other! {
        serialize_seq(Option<usize>) -> SerializeSeq;
        serialize_tuple(usize) -> SerializeTuple;
        serialize_tuple_struct(&'static str, usize) -> SerializeTupleStruct;
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> SerializeTupleVariant;
        serialize_map(Option<usize>) -> SerializeMap;
        serialize_struct(&'static str, usize) -> SerializeStruct;
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> SerializeStructVariant;
    }

    fn serialize_u128(self, v: u128) -> Result<Scalar, Refusal> {
        // Above i128::MAX no parameter range can hold it: shown as the float it compares as.
        Ok(Scalar::Number(match i128::try_from(v) {
            Ok(i) => Number::Int(i),
            Err(_) => Number::Float(v as f64),
        }))
    }

    fn serialize_str(self, v: &str) -> Result<Scalar, Refusal> {
        Ok(Scalar::Str(v.to_owned()))
    }

    fn serialize_some<V: Serialize + ?Sized>(self, value: &V) -> Result<Scalar, Refusal> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &V,
    ) -> Result<Scalar, Refusal> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<V: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &V,
    ) -> Result<Scalar, Refusal> {
        Ok(Scalar::Other)
    }
}

/// A finite value above 0, for a parameter whose range depends on another one (KLSum's
/// `smoothing` is used by one `direction` only) and so cannot be declared in its schema.
pub fn positive(key: &str, value: f64) -> Result<(), String> {
    if value > 0.0 && value.is_finite() {
        Ok(())
    } else {
        Err(refuse(key, value, "a finite number > 0"))
    }
}

/// The error `T`'s builder gives for the parameter mapping `yaml` (panics if it builds),
/// for the summarizers' tests of their ranges and [`super::Summarizer::validate`].
#[cfg(test)]
pub(crate) fn refused<T>(yaml: &str) -> String
where
    T: super::Summarizer + Serialize + DeserializeOwned + JsonSchema + 'static,
{
    let params = Params::from_yaml(yaml).unwrap();
    match super::registry::build_with::<T>(params, &super::Registry::default()) {
        Ok(_) => panic!("{yaml} was accepted"),
        Err(e) => e,
    }
}

/// Panics with the builder's error unless `T` builds from `yaml`: boundary values that
/// must stay valid.
#[cfg(test)]
pub(crate) fn accepted<T>(yaml: &str)
where
    T: super::Summarizer + Serialize + DeserializeOwned + JsonSchema + 'static,
{
    let params = Params::from_yaml(yaml).unwrap();
    if let Err(e) = super::registry::build_with::<T>(params, &super::Registry::default()) {
        panic!("{yaml} was refused: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every bound shape the built-ins use, one field each.
    #[derive(Serialize, Deserialize, JsonSchema)]
    struct Ranged {
        /// Open on both sides.
        #[schemars(extend("exclusiveMinimum" = 0, "exclusiveMaximum" = 1))]
        open: f64,
        #[schemars(range(min = 0, max = 1))]
        closed: f64,
        #[schemars(range(max = 1), extend("exclusiveMinimum" = 0))]
        above_zero: f64,
        #[schemars(range(min = 0), extend("exclusiveMaximum" = 1))]
        below_one: f64,
        #[schemars(extend("exclusiveMinimum" = 0))]
        positive: f64,
        #[schemars(range(min = 1))]
        count: usize,
        #[schemars(range(min = 1, max = u32::MAX))]
        edges: usize,
        #[schemars(range(min = 0, max = 1))]
        optional: Option<f64>,
        unbounded: f64,
    }

    fn ok() -> Ranged {
        Ranged {
            open: 0.5,
            closed: 0.0,
            above_zero: 1.0,
            below_one: 0.0,
            positive: 1e-9,
            count: 1,
            edges: u32::MAX as usize,
            optional: None,
            unbounded: -3.0,
        }
    }

    #[test]
    fn messages_name_key_value_and_the_declared_range() {
        let err = |f: fn(&mut Ranged)| {
            let mut r = ok();
            f(&mut r);
            check(&r).unwrap_err()
        };
        assert_eq!(check(&ok()), Ok(()));
        assert_eq!(
            err(|r| r.open = 5.0),
            "open: 5 is out of range; expected a number in (0, 1)"
        );
        assert_eq!(
            err(|r| r.closed = 1.5),
            "closed: 1.5 is out of range; expected a number in [0, 1]"
        );
        assert_eq!(
            err(|r| r.above_zero = 0.0),
            "above_zero: 0 is out of range; expected a number in (0, 1]"
        );
        assert_eq!(
            err(|r| r.below_one = 1.0),
            "below_one: 1 is out of range; expected a number in [0, 1)"
        );
        assert_eq!(
            err(|r| r.positive = 0.0),
            "positive: 0 is out of range; expected a finite number > 0"
        );
        assert_eq!(
            err(|r| r.count = 0),
            "count: 0 is out of range; expected an integer ≥ 1"
        );
        assert_eq!(
            err(|r| r.edges = 0),
            "edges: 0 is out of range; expected an integer in [1, 4294967295]"
        );
        assert_eq!(
            err(|r| r.optional = Some(-0.5)),
            "optional: -0.5 is out of range; expected a number in [0, 1] or null"
        );
        assert_eq!(
            err(|r| r.unbounded = f64::INFINITY),
            "unbounded: inf is out of range; expected a finite number"
        );
    }

    #[test]
    fn nan_fails_every_number_and_the_first_bad_key_is_named() {
        for f in [
            |r: &mut Ranged| r.open = f64::NAN,
            |r: &mut Ranged| r.closed = f64::NAN,
            |r: &mut Ranged| r.positive = f64::NAN,
            |r: &mut Ranged| r.unbounded = f64::NAN,
            |r: &mut Ranged| r.optional = Some(f64::NAN),
        ] {
            let mut r = ok();
            f(&mut r);
            let err = check(&r).unwrap_err();
            assert!(err.contains(": NaN is out of range"), "{err}");
        }
        let mut r = ok();
        r.count = 0;
        r.open = 2.0;
        assert!(check(&r).unwrap_err().starts_with("open: 2"));
    }

    /// Flattened fields make a struct serialize as a map; newtypes and options are seen
    /// through; lists, strings, enums and undeclared keys are never refused.
    #[test]
    fn maps_newtypes_and_non_numbers_are_walked_like_the_struct() {
        #[derive(Serialize, Deserialize, JsonSchema)]
        struct Inner {
            #[schemars(range(min = 1))]
            count: usize,
        }
        #[derive(Serialize, Deserialize, JsonSchema)]
        struct Wrapped(f64);
        #[derive(Serialize, Deserialize, JsonSchema)]
        enum Mode {
            Fast,
            Slow(u32),
        }
        #[derive(Serialize, Deserialize, JsonSchema)]
        struct Outer {
            #[serde(flatten)]
            inner: Inner,
            #[schemars(range(min = 0, max = 1))]
            share: Option<Wrapped>,
            names: Vec<f64>,
            label: String,
            mode: Mode,
            other: Mode,
        }
        let outer = |count, share| Outer {
            inner: Inner { count },
            share: Some(Wrapped(share)),
            names: vec![f64::NAN, -1.0],
            label: "x".into(),
            mode: Mode::Fast,
            other: Mode::Slow(0),
        };
        assert_eq!(check(&outer(1, 0.5)), Ok(()));
        assert_eq!(
            check(&outer(0, 0.5)),
            Err("count: 0 is out of range; expected an integer ≥ 1".into())
        );
        assert_eq!(
            check(&outer(1, f64::NEG_INFINITY)),
            Err("share: -inf is out of range; expected a number in [0, 1] or null".into())
        );
        // Not a struct at all: nothing to check.
        assert_eq!(check(&-1.0f64), Ok(()));
        assert_eq!(check(&vec![f64::NAN]), Ok(()));
    }

    #[test]
    fn the_list_shows_type_default_range_and_doc_in_declaration_order() {
        let list = params_of::<crate::summarize::textrank::TextRank>().list();
        let names: Vec<&str> = list.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "damping",
                "tolerance",
                "max_iter",
                "redundancy",
                "max_edges"
            ]
        );
        let damping = &list[0];
        assert_eq!(damping.kind, "number");
        assert_eq!(damping.default, Some(serde_json::json!(0.85)));
        assert_eq!(damping.range.as_deref(), Some("(0, 1)"));
        assert!(
            damping.doc.starts_with("PageRank damping factor"),
            "{damping:?}"
        );
        assert_eq!(list[3].kind, "number or null");
        assert_eq!(list[3].default, Some(Json::Null));
        let klsum = params_of::<crate::summarize::klsum::KlSum>().list();
        assert_eq!(
            (klsum[1].kind.as_str(), klsum[1].range.as_deref()),
            ("number", None)
        );
        let lead = params_of::<crate::summarize::lead::Lead>().list();
        assert_eq!(lead[0].kind, "latest | round-robin");
        assert!(lead[0].doc.contains("`round-robin`: "), "{lead:?}");
    }

    #[test]
    fn field_order_comes_from_the_struct_and_params_parse_strictly() {
        assert_eq!(
            field_names::<Ranged>(),
            [
                "open",
                "closed",
                "above_zero",
                "below_one",
                "positive",
                "count",
                "edges",
                "optional",
                "unbounded"
            ]
        );
        assert!(field_names::<u32>().is_empty());
        let p = Params::from_yaml("{type: textrank, damping: 0.5}").unwrap();
        assert_eq!(p.kind(), Some("textrank"));
        let err = p
            .parse::<crate::summarize::textrank::TextRank>()
            .unwrap_err();
        assert!(err.contains("unknown field `type`"), "{err}");
        let empty = Params::default().parse::<crate::summarize::lead::Lead>();
        assert!(empty.is_ok());
    }
}
