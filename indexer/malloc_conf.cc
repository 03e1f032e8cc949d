// ns-index allocates with jemalloc (linked in statically, see the top
// CMakeLists.txt), which reads this setting when it starts. Measured on the
// bench corpus against glibc's malloc (README, Benchmarks): a rebuild of
// 10,000 files 35 s against 41, a re-run over 100,000 files with 1,000
// changed 1.95 s against 2.07. Freed memory goes back to the system after
// a second rather than jemalloc's ten, which keeps a rebuild's peak where
// glibc's is (148 MB; 183 with ten). Transparent huge pages (thp:always) made
// the re-run 0.1 s faster still but a rebuild slower than glibc's, 45 to
// 59 s (presumably as each purged 2 MB page touched again is zeroed whole).
// MALLOC_CONF in the environment overrides any of it.
extern "C" {
const char* malloc_conf = "dirty_decay_ms:1000,muzzy_decay_ms:0";
}
