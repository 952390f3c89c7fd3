// Placeholder reserved on the integration branch; replaced by the chapter itself.
print("Chapter06 is being written")
