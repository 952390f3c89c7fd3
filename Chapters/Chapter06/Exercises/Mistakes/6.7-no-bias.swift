// Mistake: the kernels' weights only.
// Diagnosis: the biases are missing
// REPLACE: outputChannels * inputChannels * kernelHeight * kernelWidth + outputChannels
// WITH:    outputChannels * inputChannels * kernelHeight * kernelWidth
