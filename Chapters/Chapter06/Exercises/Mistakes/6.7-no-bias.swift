// Mistake: the kernels' weights only.
// Diagnosis: the biases are missing
outputChannels * inputChannels * kernelHeight * kernelWidth
