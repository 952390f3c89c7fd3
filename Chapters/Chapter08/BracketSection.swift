// Sections 8.5 and 8.7 placeholder (filled below).
import ChapterRunner
func brackets(_ session: ChapterSession) throws {}
