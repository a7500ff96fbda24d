import cmath


def solve_quadratic(a, b, c):
    d = cmath.sqrt(b * b - 4 * a * c)
    return (-b + d) / (2 * a), (-b - d) / (2 * a)


for a, b, c in [(1, -3, 2), (1, 2, 5), (1, 0, 4), (2, 4, 2)]:
    r1, r2 = solve_quadratic(a, b, c)
    print(a, b, c, "->", r1, r2)
z = 3 + 4j
print(z, z.real, z.imag, abs(z), z.conjugate(), z * z, z / (1 - 1j), complex(2, -1), complex("1+2j"))
print(cmath.sqrt(-1), cmath.sqrt(-16), (1j) ** 2, 1j * 1j == -1)
r, phi = cmath.polar(1j)
print(round(r, 6), round(phi, 6), cmath.rect(2, 0))
w = cmath.exp(1j * cmath.pi)
print(round(w.real, 6), round(w.imag, 6))
print(sum([1 + 1j, 2 - 3j, -0.5j]), (2 + 3j) == complex(2, 3), (1 + 2j) - 2j)
