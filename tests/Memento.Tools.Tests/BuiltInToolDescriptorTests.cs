using Memento.Tools.Arithmetic;
using Memento.Tools.Files;
using Memento.Tools.Sandbox;
using NUnit.Framework;

namespace Memento.Tools.Tests;

public class BuiltInToolDescriptorTests
{
    [Test]
    public void Each_tool_names_its_one_argument_in_the_schema_a_model_sees()
    {
        using var temp = new TempFolder();
        var scope = new ToolScope(temp.Sub("attachments"), Path.Join(temp.Path, "workspace"));
        var tools = new (ITool Tool, string Name, string Argument)[]
        {
            (new ReadFileTool(scope, new ReadFileSettings()), "read_file", "path"),
            (new RunPythonTool(scope, new SandboxSettings()), "run_python", "code"),
            (new RunShellTool(scope, new SandboxSettings()), "run_shell", "command"),
            (new CalculateTool(), "calculate", "expression"),
        };
        foreach (var (tool, name, argument) in tools)
        {
            Assert.That(tool.Descriptor.Name, Is.EqualTo(name));
            var property = tool.Descriptor.ParametersSchema.GetProperty("properties").GetProperty(argument);
            Assert.That(property.GetProperty("type").GetString(), Is.EqualTo("string"), name);
            Assert.That(property.GetProperty("description").GetString(), Is.Not.Empty, name);
        }
    }
}
