namespace PatCode.Benchmarks;

/// <summary>
/// Figures that are not a BenchmarkDotNet timing (whole-process medians, memory growth, recall): each
/// implementation measures them itself. Found by reflection, so adding one is adding a class.
/// </summary>
internal interface IFigureSource
{
    /// <summary>The figure names this source produces, so <c>--filter</c> can select it.</summary>
    IReadOnlyList<string> Names { get; }

    IEnumerable<Figure> Measure();
}
