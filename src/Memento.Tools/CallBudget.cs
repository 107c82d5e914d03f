using System.Globalization;

namespace Memento.Tools;

/// <summary>
/// The wall-clock budget of a tool's CPU-bound work (extracting text from a file or a page). The work runs on the
/// thread pool with a token cancelled at the budget, which the readers observe as they build text; past the budget the
/// call answers one line (<c>read_file: stopped after 20 s: ...</c>) whether or not the work has stopped. At most one
/// such work per core runs at once in the process — a call that outlives its budget keeps its slot until it really
/// ends — so many hostile calls at once (an MCP server serves calls concurrently) queue instead of multiplying.
/// </summary>
internal static class CallBudget
{
    private static readonly SemaphoreSlim Slots = new(Environment.ProcessorCount);

    /// <param name="tool">The tool's name, starting the answer.</param>
    /// <param name="seconds">The budget, in seconds.</param>
    /// <param name="what">What was being done, e.g. "extracting the text of 'a.xlsx'".</param>
    /// <param name="work">The work; it should observe its token.</param>
    public static async Task<ToolOutput> RunAsync(string tool, double seconds, string what, Func<CancellationToken, ToolOutput> work, CancellationToken cancellationToken)
    {
        var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(TimeSpan.FromSeconds(seconds));
        Task<ToolOutput>? running = null;
        try
        {
            await Slots.WaitAsync(budget.Token);
            running = Task.Run(() =>
            {
                try { return work(budget.Token); }
                finally { Slots.Release(); }
            }, CancellationToken.None);
            return await running.WaitAsync(budget.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ToolOutput.Error(string.Create(CultureInfo.InvariantCulture,
                $"{tool}: stopped after {seconds:0.###} s: {what} took longer than the time limit (tools.{tool}.timeout_s); the rest was not read"));
        }
        finally
        {
            // The budget's token must stay valid while abandoned work may still look at it.
            if (running is null) budget.Dispose();
            else _ = running.ContinueWith(_ => budget.Dispose(), TaskScheduler.Default);
        }
    }
}
