A bridge replaces the river ferry in March.
