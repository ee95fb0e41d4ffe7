import Forecast
import RestockData

/// What a run is, as one value the ``Pipeline`` executes: which skus it covers, where each
/// series' forecast comes from, and what it shares with another run (pooled effects, the
/// cross-series model). Every command states its runs here instead of switching pipeline
/// behaviour on and off:
///
/// | command | source | coverage |
/// | --- | --- | --- |
/// | `run`, `forecast` (a replay: `.fitAfresh`) | `.refitRemembered(state)` | `.everySku` |
/// | `plan` | `.given(forecasts)` | `.everySku` |
/// | `whatif` (recomputed): the baseline | `.refitRemembered(state)` | `.everySku` |
/// | `whatif` (recomputed): the scenario | `.scenario(…)` | `.recompute(touched, reusing: baseline)` |
/// | `whatif --baseline`: untouched skus loaded | `.refitRemembered(state)` | `.allBut(touched)` |
/// | `whatif --baseline`: the scenario | `.scenario(…, fromSnapshot:)` | `.only(touched)` |
/// | `backtest` (warm), `simulate` | `.fitAfresh` | `.everySku` |
/// | `run --shard I/N --pool FILE` (``NightStage``) | `.refitRemembered(state)` | `.only(the shard's skus)` |
/// | `merge` (``NightStage``) | `.recorded(the shards' forecasts)` | `.everySku` |
///
/// A night with a pool made by `restock pool` (``PoolFile``), a shard of it or its merge, gives
/// the pool's effects (`.pooled`) and cross-series model instead of making them.
package struct RunDescription: Sendable {
    /// Where each series' forecast comes from.
    package enum ForecastSource: Sendable {
        /// Choose each series' method on its holdout window and fit it.
        case fitAfresh
        /// Refit the method chosen on an earlier night (``ModelState``, by series index) while it
        /// is younger than `reselect_days`; choose afresh where there is none or it is older.
        case refitRemembered([ModelState.Entry?])
        /// A forecast given per series (`restock plan`, a planner's file): nothing is fitted, and
        /// no effects are pooled nor cross-series model fitted. A series without one (nil) is
        /// forecast afresh.
        case given([DemandForecast?])
        /// A what-if's scenario over its baseline: the scenario's price changes put on each
        /// series' calendar and its demand scaling on the forecast; remembered methods refitted;
        /// and, when the baseline is a snapshot, a series' forecast made from the nightly fit
        /// where its history is unchanged (``ScenarioSource/fromSnapshot``).
        case scenario(ScenarioSource)
        /// Forecasts another run made, exactly as it made them (a sharded night's merge takes
        /// every shard's, ``ShardResults``): nothing is fitted, no effects are pooled nor
        /// cross-series model fitted, and each series keeps the night its method was chosen and
        /// the reason its forecast was replaced by ``ForecastGuard``'s fallback.
        case recorded([RecordedForecast])
    }

    /// A series' forecast as another run made it (``ForecastSource/recorded(_:)``).
    package struct RecordedForecast: Sendable {
        package var forecast: DemandForecast
        /// The night its method was chosen (for the model state).
        package var chosenOn: Day
        /// Why ``ForecastGuard`` replaced it by its fallback; nil = it did not.
        package var fallback: String?

        package init(forecast: DemandForecast, chosenOn: Day, fallback: String?) {
            self.forecast = forecast
            self.chosenOn = chosenOn
            self.fallback = fallback
        }
    }

    /// A scenario over a baseline (``ForecastSource/scenario(_:)``).
    package struct ScenarioSource: Sendable {
        package var adjustments: ScenarioAdjustments
        /// Methods chosen on earlier nights (nil = choose afresh).
        package var remembered: [ModelState.Entry?]?
        /// For a series whose remembered method is current: its forecast from the baseline
        /// snapshot's fit, given the scenario's calendar features; nil = refit it.
        package var fromSnapshot: (@Sendable (_ series: Int, _ features: CalendarFeatures?) -> DemandForecast?)?

        package init(adjustments: ScenarioAdjustments, remembered: [ModelState.Entry?]?,
                     fromSnapshot: (@Sendable (Int, CalendarFeatures?) -> DemandForecast?)? = nil) {
            self.adjustments = adjustments
            self.remembered = remembered
            self.fromSnapshot = fromSnapshot
        }
    }

    /// Which skus a run computes and hands on (by interned sku id).
    package enum Coverage: Sendable {
        case everySku
        /// These skus only; the others are neither computed nor handed on.
        case only(Set<Int32>)
        /// Every sku but these.
        case allBut(Set<Int32>)
        /// Every sku is handed on, but only these are computed: the others hand on the result
        /// given for them (by the start of their range of series), as they are.
        case recompute(Set<Int32>, reusing: [Int: SkuResult])
    }

    /// Where the prior of each series' promotion and event effects comes from.
    package enum Effects: Sendable {
        /// Pooled over a sample of this run's series.
        case pooledHere
        /// Pooled by another run (a what-if shares its baseline's; `run` keeps its pool for the snapshot).
        case pooled(EffectPool)
        /// Given per series index (a what-if on part of the data takes them from the snapshot).
        case priors([[Double]])
    }

    package var source: ForecastSource
    package var coverage: Coverage = .everySku
    package var effects: Effects = .pooledHere
    /// Unless `global_model` is off, the cross-series model fitted by another run; nil = fit it
    /// on this run's series.
    package var crossSeriesModel: GlobalModel? = nil

    package init(source: ForecastSource, coverage: Coverage = .everySku, effects: Effects = .pooledHere,
                 crossSeriesModel: GlobalModel? = nil) {
        self.source = source
        self.coverage = coverage
        self.effects = effects
        self.crossSeriesModel = crossSeriesModel
    }

    /// Choose every method afresh over every sku.
    package static let fitAfresh = RunDescription(source: .fitAfresh)
}
