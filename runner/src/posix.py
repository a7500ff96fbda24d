# A stand-in for the posix module: the runner has no operating system. The standard library's
# os module needs one to import (and dataclasses, random and statistics import os); it gets this
# instead. Nothing here reaches outside the run: the environment is empty, the file system is
# absent, and urandom draws from the run's seed.

environ = {}
error = OSError
F_OK, R_OK, W_OK, X_OK = 0, 4, 2, 1
O_RDONLY, O_WRONLY, O_RDWR = 0, 1, 2
SEEK_SET, SEEK_CUR, SEEK_END = 0, 1, 2
_have_functions = []


def _unavailable(*args, **kwargs):
    raise OSError(38, "not available in the sandbox")


def urandom(n):
    return _urandom(n)


def getcwd():
    return "/"


def getcwdb():
    return b"/"


def getpid():
    return 1


def cpu_count():
    return 1


def fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    method = getattr(type(path), "__fspath__", None)
    if method is None:
        raise TypeError("expected str, bytes or os.PathLike object, not " + type(path).__name__)
    return method(path)


def strerror(code):
    return "error " + str(code)


class stat_result(tuple):
    pass


class terminal_size(tuple):
    pass


for _name in ("stat", "lstat", "fstat", "open", "close", "read", "write", "listdir", "scandir",
              "mkdir", "rmdir", "remove", "unlink", "rename", "replace", "chdir", "chmod",
              "access", "system", "kill", "getlogin", "putenv", "unsetenv", "readlink",
              "utime", "lseek", "isatty", "get_terminal_size", "device_encoding", "waitpid",
              "execv", "execve", "pipe", "dup", "dup2", "umask", "times", "uname",
              "truncate", "ftruncate", "fsync", "link", "symlink"):
    globals()[_name] = _unavailable
del _name


def _exit(code):
    raise SystemExit(code)
