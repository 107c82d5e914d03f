using System.Text.Json;
using Memento.Tools.Arithmetic;
using NUnit.Framework;

namespace Memento.Tools.Tests;

public class CalculateToolTests
{
    private static async Task<ToolOutput> Calculate(string expression) =>
        await new CalculateTool().InvokeAsync(JsonSerializer.SerializeToElement(new { expression }), CancellationToken.None);

    [TestCase("1 + 2", "3")]
    [TestCase("2 + 3 * 4", "14")]
    [TestCase("(2 + 3) * 4", "20")]
    [TestCase("10 - 4 - 3", "3")]
    [TestCase("7 / 2", "3.5")]
    [TestCase("2 ** 10", "1024")]
    [TestCase("-2 ** 2 + 17 % 5", "-2")]
    [TestCase("Sqrt(16) + Abs(-3)", "7")]
    [TestCase("max(3, 9) - Min(4, 1)", "8")]
    [TestCase("Round(Pow(2, 0.5), 4)", "1.4142")]
    [TestCase("1.5e3 + 0.25", "1500.25")]
    [TestCase("3 > 2", "true")]
    public async Task Evaluates_arithmetic_with_precedence_and_math_functions(string expression, string expected)
    {
        var output = await Calculate(expression);
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Is.EqualTo(expected));
        Assert.That(output.Fields["value"], Is.EqualTo(expected));
    }

    [TestCase("x + 1", "unknown name(s) x")]
    [TestCase("'abc'", "character '''")]
    [TestCase("System.IO.File.Delete(\"/tmp/x\")", "character '\"'")]
    [TestCase("[a] * 2", "character '['")]
    [TestCase("#2020-01-01#", "character '#'")]
    [TestCase("if(1 > 0, 1, 2)", "function 'if'")]
    [TestCase("Foo(1)", "function 'Foo'")]
    [TestCase("2 ^ 3", "'^' is ambiguous")]
    [TestCase("1 << 2147483647", "'<<' is a bitwise or logical operator")]
    [TestCase("256 >> 2", "'>>' is a bitwise or logical operator")]
    [TestCase("6 & 3", "'&' is a bitwise or logical operator")]
    [TestCase("6 | 3", "'|' is a bitwise or logical operator")]
    [TestCase("~5", "'~' is a bitwise or logical operator")]
    [TestCase("1 > 0 && 2 > 1", "'&&' is a bitwise or logical operator")]
    [TestCase("1 > 0 || 2 > 1", "'||' is a bitwise or logical operator")]
    [TestCase("2 +", "syntax error")]
    [TestCase("1 / 0", "evaluation failed: Arithmetic operation resulted in an overflow")]
    [TestCase("", "empty")]
    public async Task Refuses_what_is_not_arithmetic_and_says_why(string expression, string why)
    {
        var output = await Calculate(expression);
        Assert.That(output.IsError, Is.True, output.Text);
        Assert.That(output.Text, Does.StartWith("calculate: ").And.Contain(why));
    }
}
