// Choosing the precision of a network's convolution products (`ProductPrecision`) after it is
// built, so that the same initial weights can be trained either way.

extension Network {
    /// Sets the precision of every convolution's products (in `ConvolutionStage`s and bare
    /// `Convolution2D` layers); dense layers always multiply in Double.
    public mutating func setConvolutionPrecision(_ precision: ProductPrecision) {
        for index in layers.indices {
            if var stage = layers[index] as? ConvolutionStage {
                stage.convolution.precision = precision
                layers[index] = stage
            } else if var convolution = layers[index] as? Convolution2D {
                convolution.precision = precision
                layers[index] = convolution
            }
        }
    }

    /// The precision of the convolutions' products: nil without convolutions, or when they differ.
    public var convolutionPrecision: ProductPrecision? {
        let precisions = Set(
            layers.compactMap { ($0 as? ConvolutionStage)?.convolution.precision ?? ($0 as? Convolution2D)?.precision })
        return precisions.count == 1 ? precisions.first : nil
    }
}
