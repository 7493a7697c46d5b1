"""The build: `pipeline.build(config) -> BuildReport` as the list of `stages` (load,
analyse, assemble, render, search, write), what they share for one run (`run`), the
per-article work over worker processes (`analysis`, `workers`), the cache (`cache`,
`cache_files`) and every key of an incremental build (`keys`), the output written whole
and switched in (`write`, `trees`, `swap`, `marker`, `lock`), stage times (`timing`,
`cputime`), the cycle collector paused while it runs (`collector`) and Ctrl-C and SIGTERM
(`interrupts`)."""
