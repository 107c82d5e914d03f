using System.ComponentModel;

namespace Memento.Tools.Arithmetic;

/// <summary>Arguments of <c>calculate</c>.</summary>
internal sealed record CalculateArgs(
    [property: Description("Arithmetic expression, e.g. (3 + 4) * 2 ** 10 / Sqrt(2). Operators + - * / % ** and comparisons; functions Abs, Ceiling, Floor, Round, Truncate, Sign, Sqrt, Pow, Exp, Ln, Log, Log10, Sin, Cos, Tan, Asin, Acos, Atan, Atan2, Max, Min, IEEERemainder.")]
    string Expression);
