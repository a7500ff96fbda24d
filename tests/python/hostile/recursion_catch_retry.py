# Catches RecursionError and recurses again: RecursionError is catchable (as in CPython), so this
# never ends and the step budget stops it.
def dive(n):
    try:
        return dive(n + 1)
    except RecursionError:
        return dive(n + 1)


dive(0)
