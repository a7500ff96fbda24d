def check(args, expected, actual):
    """Accepts any order of all the courses that respects every prerequisite.

    expected is the author's answer: [] means the prerequisites have a cycle (or there are no
    courses), and then only [] is right.
    """
    courses, prerequisites = args
    if expected == []:
        return actual == []
    if not isinstance(actual, list) or len(actual) != len(courses):
        return False
    if not all(isinstance(course, str) for course in actual):
        return False
    if sorted(actual) != sorted(courses):
        return False
    position = {course: i for i, course in enumerate(actual)}
    return all(position[first] < position[then] for first, then in prerequisites)
