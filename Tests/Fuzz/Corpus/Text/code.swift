func f(_ x: Int) -> Int {
    return x * 2 // $x$ [a]
}
