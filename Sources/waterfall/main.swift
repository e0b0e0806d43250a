import WaterfallKit

Waterfall.runMain()
