#ifndef SITEGEN_FS_H
#define SITEGEN_FS_H

/// Atomically swaps two paths (Linux renameat2 with RENAME_EXCHANGE). Returns 0 or -1 with
/// errno set; ENOSYS/EINVAL where the kernel or file system cannot do it.
int sitegen_rename_exchange(const char *from, const char *to);

/// Frees a file's bytes in [offset, offset + length) (fallocate with FALLOC_FL_PUNCH_HOLE, the
/// size kept). Returns 0 or -1 with errno set; EOPNOTSUPP where the file system cannot.
int sitegen_punch_hole(int fd, long long offset, long long length);

#endif
