import WaterfallKit

await Waterfall.runMain()
