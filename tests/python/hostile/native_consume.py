# An endless loop that runs entirely inside built-in code (no Python bytecode per item).
import collections
import itertools

collections.deque(itertools.count(), maxlen=0)
