#ifndef SITEGEN_THREAD_LOCAL_H
#define SITEGEN_THREAD_LOCAL_H

/// The calling thread's cmark arena (SitegenMarkdown's CmarkArena), or NULL.
void *sitegen_thread_arena(void);
void sitegen_set_thread_arena(void *arena);

#endif
