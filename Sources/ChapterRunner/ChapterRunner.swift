// ChapterRunner
