using System;
using System.Globalization;
using System.Management.Automation.Host;

namespace ZsepAdmin.Shell
{
    /// <summary>The PowerShell host of the shell: identity, culture, and the exit code a script asks for.</summary>
    public sealed class ZsepHost : PSHost
    {
        private readonly ZsepHostUserInterface _ui;

        public ZsepHost(ZsepHostUserInterface ui) => _ui = ui;

        public int? ExitCode { get; private set; }

        public override string Name => "ZsepAdmin.Shell";

        public override Version Version { get; } = typeof(ZsepHost).Assembly.GetName().Version ?? new Version(0, 1);

        public override Guid InstanceId { get; } = Guid.NewGuid();

        public override PSHostUserInterface UI => _ui;

        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

        public override void SetShouldExit(int exitCode) => ExitCode = exitCode;

        public override void EnterNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by ZsepAdmin.Shell.");

        public override void ExitNestedPrompt() => throw new NotSupportedException("Nested prompts are not supported by ZsepAdmin.Shell.");

        public override void NotifyBeginApplication()
        {
        }

        public override void NotifyEndApplication()
        {
        }
    }
}
