import textwrap

policy = ("Applicants must submit their forms before the closing date. Late submissions will only be "
          "considered in exceptional circumstances, such as illness or a technical failure on our side, "
          "and must be accompanied by a short explanation.")
print(textwrap.fill(policy, width=40))
print()
for line in textwrap.wrap(policy, width=60, initial_indent="* ", subsequent_indent="  "):
    print(line)
print()
print(textwrap.shorten(policy, width=50, placeholder=" [...]"))
block = """
    def hello():
        print("hi")
    """
print(textwrap.dedent(block).strip())
print(textwrap.indent("one\ntwo\n\nthree", "> "))
print(len(textwrap.wrap(policy, 25)), max(len(l) for l in textwrap.wrap(policy, 25)))
