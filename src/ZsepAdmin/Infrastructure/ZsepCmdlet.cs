using System;
using System.Management.Automation;
using System.Threading;

namespace ZsepAdmin.Commands
{
    /// <summary>
    /// Base of every ZsepAdmin cmdlet: owns the cancellation token that Ctrl+C (StopProcessing) cancels, and the
    /// one mapping from stack exceptions to ErrorRecords. Holds no protocol logic.
    /// </summary>
    public abstract class ZsepCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancel = new CancellationTokenSource();
        private readonly System.Collections.Generic.List<IDisposable> _held = new System.Collections.Generic.List<IDisposable>();

        protected CancellationToken CancellationToken => _cancel.Token;

        protected override void StopProcessing() => _cancel.Cancel();

        /// <summary>A per-item failure: report it and go on with the next item.</summary>
        protected void WriteStackError(Exception exception, object? target) =>
            WriteError(ErrorMapping.ToErrorRecord(exception, target));

        /// <summary>A failure that ends the command.</summary>
        protected void ThrowStackError(Exception exception, object? target) =>
            ThrowTerminatingError(ErrorMapping.ToErrorRecord(exception, target));

        /// <summary>
        /// ShouldProcess for destructive work with -Force: -WhatIf still only says what would happen; -Force skips
        /// the confirmation that ConfirmImpact High asks for.
        /// </summary>
        protected bool ShouldProcessForce(string target, string action, bool force)
        {
            if (MyInvocation.BoundParameters.TryGetValue("WhatIf", out object? whatIf) && whatIf is SwitchParameter s && s.IsPresent)
            {
                return ShouldProcess(target, action);
            }

            return force || ShouldProcess(target, action);
        }

        /// <summary>
        /// The file a command is to write: the provider path of <paramref name="path"/>; an existing file without -Force
        /// is the terminating error <paramref name="what"/>FileExists.
        /// </summary>
        protected string OutputPath(string path, bool force, string what)
        {
            string full = GetUnresolvedProviderPathFromPSPath(path);
            if (System.IO.File.Exists(full) && !force)
            {
                ThrowTerminatingError(new ErrorRecord(new System.IO.IOException($"'{full}' exists. Use -Force to overwrite it."), what + "FileExists", ErrorCategory.ResourceExists, full));
            }

            return full;
        }

        /// <summary>Runs <paramref name="write"/>; a refused or failed write is the terminating error <paramref name="what"/>FileError.</summary>
        protected void WriteFile(string path, Action write, string what)
        {
            try
            {
                write();
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, what + "FileError", ErrorCategory.WriteError, path));
            }
        }

        /// <summary>Keeps <paramref name="token"/> (a gateway held in the foreground) until the cmdlet is disposed.</summary>
        protected void Hold(IDisposable token) => _held.Add(token);

        public void Dispose()
        {
            foreach (IDisposable token in _held)
            {
                token.Dispose();
            }

            _held.Clear();
            _cancel.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
