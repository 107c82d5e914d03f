using Memento.Tools.Files;
using NUnit.Framework;

namespace Memento.Tools.Tests;

/// <summary>
/// read_file on real spreadsheets nobody here wrote: the example workbooks of Debian's r-cran-readxl and r-cran-openxlsx
/// (installed by <c>apt-get install r-cran-readxl r-cran-openxlsx</c>; the tests say so and are skipped when they are
/// absent). Three of them carry a relationship to a part that is not in the package and were refused whole before.
/// </summary>
public class RealSpreadsheetTests
{
    private const string Readxl = "/usr/lib/R/site-library/readxl/extdata";
    private const string Openxlsx = "/usr/lib/R/site-library/openxlsx/extdata";

    private static string Folder(string folder, string package)
    {
        if (!Directory.Exists(folder)) Assert.Ignore($"{folder} is absent: install the Debian package {package} (apt-get install {package}) to run this test");
        return folder;
    }

    private static Task<ToolOutput> Read(string folder, string name, int maxChars = 20_000) =>
        new ReadFileTool(new ToolScope(folder, Path.Join(Path.GetTempPath(), "memento-unused-workspace")), new ReadFileSettings { MaxChars = maxChars })
            .Call(new { path = name });

    [TestCase(Readxl, "r-cran-readxl")]
    [TestCase(Openxlsx, "r-cran-openxlsx")]
    public async Task Every_example_workbook_is_read(string folder, string package)
    {
        var files = Directory.GetFiles(Folder(folder, package), "*.xlsx").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.That(files, Is.Not.Empty);
        foreach (var name in files)
        {
            var output = await Read(folder, name!);
            TestContext.Out.WriteLine($"{name}: {(output.IsError ? output.Text : output.Fields["chars"] + " chars")}");
            Assert.That(output.IsError, Is.False, $"{name}: {output.Text}");
            Assert.That(output.Text, Does.Contain("--- sheet '"), name);
        }
    }

    [TestCase(Readxl, "datasets.xlsx", "r-cran-readxl", "Sepal.Length")]
    [TestCase(Openxlsx, "cloneWorksheetExample.xlsx", "r-cran-openxlsx", "--- sheet '")]
    [TestCase(Openxlsx, "cloneEmptyWorksheetExample.xlsx", "r-cran-openxlsx", "--- sheet '")]
    public async Task Workbooks_with_a_dangling_internal_reference_are_read(string folder, string name, string package, string expected)
    {
        var output = await Read(Folder(folder, package), name);
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.Contain(expected));
    }

    [Test]
    public async Task Dates_in_deaths_xlsx_read_as_the_spreadsheet_shows_them()
    {
        var output = await Read(Folder(Readxl, "r-cran-readxl"), "deaths.xlsx");
        Assert.That(output.IsError, Is.False, output.Text);
        Assert.That(output.Text, Does.Contain("David Bowie\tmusician\t69\tTRUE\t1947-01-08\t2016-01-10"));
        Assert.That(output.Text, Does.Not.Contain("\t17175\t"));
    }
}
