using System.Globalization;
using System.Text.RegularExpressions;
using NCalc;
using NCalc.Exceptions;

namespace Memento.Tools.Arithmetic;

/// <summary>
/// <c>calculate(expression)</c>: arithmetic through NCalc's parser and evaluator — no script engine, no names or
/// parameters, no string or date literals, and only NCalc's math functions. Anything else is an error naming what was wrong.
/// (Namespace Arithmetic rather than Math, so that it does not hide System.Math inside Memento.Tools.)
/// </summary>
internal sealed partial class CalculateTool : Tool<CalculateArgs>
{
    private const int MaxLength = 2_000;

    private static readonly HashSet<string> MathFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "Abs", "Acos", "Asin", "Atan", "Atan2", "Ceiling", "Cos", "Exp", "Floor", "IEEERemainder", "Ln", "Log", "Log10",
        "Max", "Min", "Pow", "Round", "Sign", "Sin", "Sqrt", "Tan", "Truncate",
    };

    public override string Name => "calculate";

    public override string Description =>
        "Evaluate an arithmetic expression exactly as written and return the number. Powers are written ** (2 ** 10); " +
        "functions: " + string.Join(", ", MathFunctions.Order(StringComparer.Ordinal)) + ".";

    protected override Task<ToolOutput> RunAsync(CalculateArgs arguments, CancellationToken cancellationToken) =>
        Task.FromResult(Evaluate(arguments.Expression ?? ""));

    private static ToolOutput Evaluate(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return Refuse("the expression is empty");
        if (text.Length > MaxLength) return Refuse($"the expression is longer than {MaxLength} characters");
        if (Disallowed().Match(text) is { Success: true } bad)
            return Refuse($"character '{bad.Value}' is not allowed (only numbers, operators, parentheses, commas and function names; no strings, dates or [names])");
        if (text.Contains('^')) return Refuse("'^' is ambiguous (XOR in this evaluator): write powers as ** (2 ** 10) or Pow(2, 10)");
        if (BitOperator().Match(text) is { Success: true } bit)
            return Refuse($"'{bit.Value}' is a bitwise or logical operator, which this tool does not offer: only + - * / % ** and comparisons");
        var expression = new Expression(text, ExpressionOptions.OverflowProtection | ExpressionOptions.IgnoreCaseAtBuiltInFunctions) { CultureInfo = CultureInfo.InvariantCulture };
        try
        {
            if (expression.HasErrors()) return Refuse($"syntax error: {expression.Error?.Message}");
            if (expression.GetParameterNames() is { Count: > 0 } names) return Refuse($"unknown name(s) {string.Join(", ", names)}: only numbers and math functions are allowed");
            if (expression.GetFunctionNames().FirstOrDefault(f => !MathFunctions.Contains(f)) is { } function)
                return Refuse($"function '{function}' is not a math function this tool allows");
            var value = expression.Evaluate();
            return value switch
            {
                double d when double.IsNaN(d) || double.IsInfinity(d) => Refuse($"the result is {d.ToString(CultureInfo.InvariantCulture)} (e.g. division by zero or a domain error)"),
                double or float or decimal or int or long or uint or ulong or short or ushort or byte or sbyte or bool =>
                    Result(text, Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant()),
                _ => Refuse($"the result is not a number ({value?.GetType().Name ?? "null"})"),
            };
        }
        catch (Exception e) when (e is NCalcException or ArgumentException or InvalidCastException or OverflowException or DivideByZeroException or FormatException)
        {
            return Refuse($"evaluation failed: {e.Message}");
        }
    }

    private static ToolOutput Result(string expression, string value) =>
        new(value, new Dictionary<string, string> { ["expression"] = expression, ["value"] = value });

    private static ToolOutput Refuse(string why) => ToolOutput.Error($"calculate: {why}");

    [GeneratedRegex(@"<<|>>|&&?|\|\|?|~")]
    private static partial Regex BitOperator();

    [GeneratedRegex(@"[^0-9A-Za-z_\s.,+\-*/%()<>=!&|~?:^]")]
    private static partial Regex Disallowed();
}
