#ifndef RESTOCK_CPLATFORM_H
#define RESTOCK_CPLATFORM_H

/// Atomically exchanges the directory entries `a` and `b` (Linux renameat2 with
/// RENAME_EXCHANGE). Returns 0 on success, -1 with errno set otherwise (EINVAL or ENOSYS when
/// the file system or kernel cannot do it).
int restock_exchange_paths(const char *a, const char *b);

/// 1 when file descriptor `fd` is a terminal, else 0.
int restock_isatty(int fd);

#endif
