with open("notes.txt", "w") as f:
    f.write("left behind")
print("written")
