// Placeholder reserved on the integration branch; replaced by the chapter itself.
print("Chapter08 is being written")
