// Placeholder reserved on the integration branch; replaced by the chapter itself.
print("Chapter07 is being written")
