// Layouts for the chapter's image figures drawn for an 880 px page: a grid of maps on one signed
// colour scale (white is 0), sized so that each image pixel is a whole number of px, and the
// feature maps of a test image one stage per band, bigger maps drawn bigger.

import ChapterRunner
import Figures
import Foundation
import NeuralCore

enum MapFigures {
    /// Space an `ImageGrid` keeps around its images: padding, title and (for `.signed`) a colour bar.
    static let gridPadding = 10.0
    static let titleHeight = 15.0 * 1.25 + 10
    static let captionHeight = 12.5 * 1.45
    static let gap = 14.0
    static let colourBarReserve = 110.0

    /// The height of an image grid whose `rows` rows of `height`-pixel images, captioned, are drawn
    /// at `scale` px per image pixel.
    static func gridHeight(rows: Int, imageHeight: Int, scale: Int) -> Int {
        let body = Double(rows) * (Double(scale * imageHeight) + captionHeight) + gap * Double(rows - 1)
        return Int((2 * gridPadding + titleHeight + body + 2).rounded(.up))
    }

    /// The columns of `count` images `displayed` px wide that fit in `width` px (balanced rows).
    static func columns(count: Int, displayed: Int, width: Double, signed: Bool) -> Int {
        let available = width - 2 * gridPadding - (signed ? colourBarReserve : 0)
        let fit = max(1, Int((available + gap) / (Double(displayed) + gap)))
        let rows = (count + min(fit, count) - 1) / min(fit, count)
        return (count + rows - 1) / rows
    }

    /// Whole px per image pixel for a map `size` pixels wide: 3 for 24, 4 for 12, 5 for 8, 7 for 4,
    /// so that bigger maps are drawn bigger (`scale × size` grows as √size).
    static func scale(forMapSize size: Int) -> Int { max(2, Int((14.5 / Double(size).squareRoot()).rounded())) }

    /// `images` on one diverging scale ±`limit` with a colour bar, at `scale` px per pixel, in a
    /// grid as wide as `width`; returns the chart and the height it needs.
    static func signedGrid(
        title: String, images: [GridImage], limit: Double, scale: Int, width: Double, barLabel: String,
        maximumColumns: Int? = nil
    ) -> (ImageGrid, Int) {
        let w = images.map(\.width).max() ?? 1
        let h = images.map(\.height).max() ?? 1
        let fit = columns(count: images.count, displayed: scale * w, width: width, signed: true)
        let columnCount = min(fit, maximumColumns ?? fit)
        var grid = ImageGrid(title: title, images: images, mode: .signed, columns: columnCount)
        grid.signedLimit = limit > 0 ? limit : 1
        grid.colourBarLabel = barLabel
        let rows = (images.count + columnCount - 1) / columnCount
        return (grid, gridHeight(rows: rows, imageHeight: h, scale: scale))
    }
}

extension MapFigures {
    /// The feature maps of one image after each stage, one band per stage (the input beside the
    /// first), each stage on its own signed scale ±(its largest |activation|), white at 0.
    static func featureMaps(
        title: String, input: Matrix, inputCaption: String, stages: [(String, FeatureMaps)]
    ) -> FigureStack {
        let width = Double(Legibility.maximumDisplayWidth)
        let inputScale = 3
        let inputWidth = Double(inputScale * input.columns) + 2 * gridPadding + 40
        var bands: [FigureStack.Band] = []
        // A stage with as many maps as the one above uses no more columns, so map k sits below map k.
        var previous: (channels: Int, columns: Int)?
        for (index, entry) in stages.enumerated() {
            let (name, maps) = entry
            let scale = scale(forMapSize: maps.width)
            let images = (0..<maps.channels).map { c in
                GridImage(
                    width: maps.width, height: maps.height, values: maps.map(channel: c, example: 0).elements,
                    caption: "\(c + 1)")
            }
            let limit = images.flatMap { $0.values.map(abs) }.max() ?? 1
            let panelWidth = index == 0 ? width - inputWidth : width
            let (grid, height) = signedGrid(
                title:
                    "\(name): \(maps.channels) maps of \(maps.height)×\(maps.width), largest \(formatted(limit, significant: 3))",
                images: images, limit: limit, scale: scale, width: panelWidth, barLabel: "activation",
                maximumColumns: previous.flatMap { $0.channels == maps.channels ? $0.columns : nil })
            previous = (maps.channels, grid.columns ?? maps.channels)
            if index == 0 {
                let picture = ImageGrid(
                    title: "input",
                    images: [
                        GridImage(
                            width: input.columns, height: input.rows, values: input.elements, caption: inputCaption)
                    ], mode: .greyscale)
                bands.append(.init([picture, grid], height: height, weights: [inputWidth, panelWidth]))
            } else {
                bands.append(.init([grid], height: height))
            }
        }
        return FigureStack(title: title, bands: bands)
    }
}
