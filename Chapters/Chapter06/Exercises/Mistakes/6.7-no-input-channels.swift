// Mistake: one kernel per output map, as if every layer read a single map.
// Diagnosis: C_in is missing
// REPLACE: outputChannels * inputChannels * kernelHeight * kernelWidth + outputChannels
// WITH:    outputChannels * kernelHeight * kernelWidth + outputChannels
