using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using PatCode.Core.Plugins.Chain;
using PatCode.Core.Plugins.Invocation;
using PatCode.Sdk;

namespace PatCode.Core.Tests.Plugins.Invocation;

/// <summary>The watch over in-process CanHandle calls, and the one timer all watches share.</summary>
public sealed class CanHandleWatchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    [Test]
    public async Task ACanHandlePastItsDeadline_IsGivenUp_ItsLegEnds_AndItsContextIsClosed()
    {
        using var watch = new CanHandleWatch(TimeSpan.FromMilliseconds(5));
        var context = Context();
        Assert.That(watch.Begin(0, 2, TimeSpan.FromMilliseconds(20), context, Stopwatch.GetTimestamp()), Is.True);

        var index = await watch.Overrun.WaitAsync(Patience);

        Assert.That(index, Is.EqualTo(2));
        Assert.That(watch.IsCurrent(0), Is.False);
        Assert.That(watch.End(0), Is.False, "the plugin's late return must not record anything");
        Assert.That(watch.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromMilliseconds(20)));
        context.AddSection("late", "dropped");
        Assert.That(context.Sections, Is.Empty);
        Assert.That(watch.Begin(0, 3, TimeSpan.FromMilliseconds(20), Context(), Stopwatch.GetTimestamp()), Is.False, "a given-up leg starts no more calls");
    }

    [Test]
    public async Task ACanHandleThatReturnsInTime_IsNotGivenUp()
    {
        using var watch = new CanHandleWatch(TimeSpan.FromMilliseconds(2));
        Assert.That(watch.Begin(0, 0, TimeSpan.FromMilliseconds(10), Context(), Stopwatch.GetTimestamp()), Is.True);
        Assert.That(watch.End(0), Is.True);

        await Task.Delay(TimeSpan.FromMilliseconds(60)); // many checks, all past the deadline of the ended call

        Assert.That(watch.Overrun.IsCompleted, Is.False);
        Assert.That(watch.IsCurrent(0), Is.True);
    }

    [Test]
    public async Task WatchesWithDifferentPeriods_AreAllLookedAt()
    {
        using var slow = new CanHandleWatch(TimeSpan.FromMilliseconds(25));
        using var fast = new CanHandleWatch(TimeSpan.FromMilliseconds(2));
        slow.Begin(0, 1, TimeSpan.FromMilliseconds(30), Context(), Stopwatch.GetTimestamp());
        fast.Begin(0, 4, TimeSpan.FromMilliseconds(5), Context(), Stopwatch.GetTimestamp());

        Assert.That(await fast.Overrun.WaitAsync(Patience), Is.EqualTo(4));
        Assert.That(await slow.Overrun.WaitAsync(Patience), Is.EqualTo(1));
    }

    [Test]
    public async Task TheSharedTimer_StopsOnceNoWatchIsLeft_AndStartsForTheNextOne()
    {
        using (var watch = new CanHandleWatch(TimeSpan.FromMilliseconds(2)))
        {
            Assert.That(CanHandleWatchdog.IsArmed, Is.True);
        }

        var waited = Stopwatch.StartNew();
        while (CanHandleWatchdog.IsArmed && waited.Elapsed < Patience)
        {
            await Task.Delay(5);
        }

        Assert.That(CanHandleWatchdog.IsArmed, Is.False, "an idle process keeps no timer ticking");

        using var next = new CanHandleWatch(TimeSpan.FromMilliseconds(2));
        next.Begin(0, 0, TimeSpan.FromMilliseconds(5), Context(), Stopwatch.GetTimestamp());
        Assert.That(await next.Overrun.WaitAsync(Patience), Is.EqualTo(0));
    }

    [Test]
    public async Task AWatchWithNothingToWatch_NeverGivesUp()
    {
        using var watch = new CanHandleWatch(null);
        watch.Begin(0, 0, TimeSpan.Zero, Context(), Stopwatch.GetTimestamp());

        await Task.Delay(TimeSpan.FromMilliseconds(30));

        Assert.That(watch.Overrun.IsCompleted, Is.False);
        Assert.That(watch.End(0), Is.True);
    }

    private static PluginTurnContext Context() =>
        new(new ChainState(new ChainRequest("hi", "/repo", [], [])), "Watched", Mock.Of<IPluginServices>(), NullLogger.Instance);
}
