//! The process groups of running `command` plugins, killed when sumbench itself is
//! interrupted.
//!
//! Each plugin runs in its own process group (so a timeout can kill everything it
//! started), which also means the terminal's Ctrl-C no longer reaches it: without this,
//! interrupting a run left every running plugin, and whatever it had started, running
//! after sumbench exited. The first plugin start installs a handler for SIGINT, SIGTERM
//! and SIGHUP that kills every registered group and then dies of the same signal, so the
//! caller still sees "interrupted" (exit status 128 + signal in a shell).
//!
//! The handler may only do async-signal-safe work, so the registry is a fixed array of
//! atomics rather than a locked collection: registering takes a free slot, dropping the
//! guard frees it. With more plugins running at once than there are slots, the extra ones
//! are not registered (they still get killed by their own timeout).

#[cfg(unix)]
mod imp {
    use std::sync::atomic::{AtomicI32, Ordering};
    use std::sync::Once;

    /// Far more than the plugins that can run at once (one per worker thread).
    const SLOTS: usize = 1024;
    static LIVE: [AtomicI32; SLOTS] = [const { AtomicI32::new(0) }; SLOTS];
    static INSTALL: Once = Once::new();

    extern "C" fn on_signal(signal: libc::c_int) {
        for slot in &LIVE {
            let pgid = slot.load(Ordering::SeqCst);
            if pgid > 0 {
                // SAFETY: kill(2) is async-signal-safe and has no memory preconditions.
                unsafe {
                    libc::kill(-pgid, libc::SIGKILL);
                }
            }
        }
        // SAFETY: signal(2) and raise(3) are async-signal-safe; restoring the default
        // disposition and re-raising makes the process die of this signal as it would
        // have without the handler.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            libc::raise(signal);
        }
    }

    /// Installs the signal handler (once). Called before a plugin is spawned, so the
    /// handler is in place by the time the plugin can be seen running.
    pub(crate) fn install() {
        INSTALL.call_once(|| {
            for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
                // SAFETY: the handler only touches atomics and calls async-signal-safe
                // functions.
                unsafe {
                    libc::signal(signal, on_signal as *const () as libc::sighandler_t);
                }
            }
        });
    }

    /// A registered process group; dropping it unregisters the group.
    pub(crate) struct Live(Option<usize>);

    impl Live {
        /// Registers the group led by process `pid` (spawned with `process_group(0)`).
        pub(crate) fn register(pid: u32) -> Live {
            install();
            let Ok(pgid) = i32::try_from(pid) else {
                return Live(None);
            };
            let slot = LIVE.iter().position(|s| {
                s.compare_exchange(0, pgid, Ordering::SeqCst, Ordering::SeqCst)
                    .is_ok()
            });
            Live(slot)
        }
    }

    impl Drop for Live {
        fn drop(&mut self) {
            if let Some(i) = self.0 {
                LIVE[i].store(0, Ordering::SeqCst);
            }
        }
    }
}

#[cfg(not(unix))]
mod imp {
    /// Without process groups there is nothing to register.
    pub(crate) struct Live;

    impl Live {
        /// Does nothing on this platform.
        pub(crate) fn register(_pid: u32) -> Live {
            Live
        }
    }
}

pub(crate) use imp::Live;

/// Installs the handler that kills registered plugin groups on SIGINT, SIGTERM, SIGHUP.
pub(crate) fn install() {
    #[cfg(unix)]
    imp::install();
}
