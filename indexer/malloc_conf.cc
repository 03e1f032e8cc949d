// ns-index allocates with jemalloc (linked in statically, see the top
// CMakeLists.txt), which reads this setting when it starts: on the bench
// corpus it made rebuilds and re-runs faster than glibc's malloc (docs/
// benchmarks.md). Freed memory goes back to the system after a second rather
// than jemalloc's ten, which keeps a rebuild's peak where glibc's is.
// Transparent huge pages (thp:always) stay off: they made re-runs faster
// still but rebuilds slower than glibc's (presumably as each purged huge
// page touched again is zeroed whole).
// MALLOC_CONF in the environment overrides any of it.
extern "C" {
const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";
}
