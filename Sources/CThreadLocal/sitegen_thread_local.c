// A C11 thread-local, which Swift has no way to declare: cmark's allocation callbacks carry no
// context and find their thread's arena here, a million times in a 1,000-article build. Through
// a pthread key each lookup was a call into libc and a check of Swift's lazy global that held
// the key: some 27 M instructions of such a build.
#include "sitegen_thread_local.h"

static _Thread_local void *arena;

void *sitegen_thread_arena(void) { return arena; }

void sitegen_set_thread_arena(void *value) { arena = value; }
