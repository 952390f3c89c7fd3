// Mistake: one kernel per output map, as if every layer read a single map.
// Diagnosis: C_in is missing
outputChannels * kernelHeight * kernelWidth + outputChannels
