using Memento.Core;

namespace Memento.Cli.Commands;

/// <summary>The one place user errors become exit codes: a <see cref="MementoException"/> is one line on stderr
/// and exit code 2, never a stack trace; a learned policy whose training went non-finite is one line and exit code 3.</summary>
internal static class CliErrors
{
    public const int UserError = 2;
    public const int TrainingDiverged = 3;
    public const int Interrupted = 130;

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (TrainingDivergedException e)
        {
            Console.Error.WriteLine("error: " + Secrets.Redact(e.Message).ReplaceLineEndings(" "));
            return TrainingDiverged;
        }
        catch (MementoException e)
        {
            Console.Error.WriteLine("error: " + Secrets.Redact(e.Message).ReplaceLineEndings(" "));
            return UserError;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk, a read-only or vanished folder: the environment's fault, reported like bad input.
            Console.Error.WriteLine("error: cannot write results: " + Secrets.Redact(e.Message).ReplaceLineEndings(" "));
            return UserError;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("interrupted: every finished episode is kept; continue with the same command plus --resume <results folder>");
            return Interrupted;
        }
    }
}
