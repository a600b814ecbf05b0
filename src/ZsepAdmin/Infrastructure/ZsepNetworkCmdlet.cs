using System;
using System.Management.Automation;
using Zsep.Stack.Gateway;

namespace ZsepAdmin.Commands
{
    /// <summary>Base of the cmdlets that work on an open network: -Network chooses one, else the session's default.</summary>
    public abstract class ZsepNetworkCmdlet : ZsepCmdlet
    {
        /// <summary>The network's name; the session's default network when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(NetworkNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string? Network { get; set; }

        /// <summary>The network to work on, or a terminating NetworkNotOpen error.</summary>
        protected Gateway ResolveNetwork()
        {
            Gateway? gateway = NetworkRegistry.Resolve(Network);
            if (gateway is null)
            {
                string message = Network is null
                    ? "No network is open in this session. Form one with New-ZsepNetwork or reopen one with Connect-ZsepNetwork -StatePath <folder>."
                    : $"No network named '{Network}' is open in this session (open: {string.Join(", ", System.Linq.Enumerable.Select(NetworkRegistry.All(), g => g.Name))}).";
                ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "NetworkNotOpen", ErrorCategory.ObjectNotFound, Network));
            }

            if (!_held.Contains(gateway!))
            {
                // On a real-time radio the network runs in the background between commands; while this cmdlet works
                // with it, the background loop pauses (the stack is single-threaded).
                Hold(gateway!.EnterForeground());
                _held.Add(gateway!);
            }

            return gateway!;
        }

        private readonly System.Collections.Generic.HashSet<Gateway> _held = new System.Collections.Generic.HashSet<Gateway>();

        /// <summary>
        /// Drives the network's time while waiting, so the simulated medium moves on; Ctrl+C stops the wait. A radio
        /// that is gone (RadioUnavailableException) is a terminating error.
        /// </summary>
        protected bool RunUntil(Gateway gateway, Func<bool> done, TimeSpan limit)
        {
            try
            {
                return gateway.RunUntil(done, limit, CancellationToken);
            }
            catch (Zsep.Radio.RadioUnavailableException ex)
            {
                ThrowStackError(ex, gateway.Name);
                throw;
            }
        }
    }
}
