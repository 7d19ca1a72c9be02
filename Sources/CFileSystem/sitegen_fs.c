// Swift's Glibc module exports neither renameat2 nor fallocate (both need _GNU_SOURCE), and no
// package on our list wraps them; these two calls are all the C the writer needs.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include "sitegen_fs.h"

#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/fs.h>
#include <linux/falloc.h>
#endif

int sitegen_rename_exchange(const char *from, const char *to) {
#if defined(__linux__) && defined(SYS_renameat2)
  return (int)syscall(SYS_renameat2, AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE);
#else
  errno = ENOSYS;
  return -1;
#endif
}

int sitegen_punch_hole(int fd, long long offset, long long length) {
#if defined(__linux__)
  return fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, (off_t)offset, (off_t)length);
#else
  errno = EOPNOTSUPP;
  return -1;
#endif
}
