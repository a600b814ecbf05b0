using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Zsep.Stack.Application;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Node;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.State;
using Zsep.Stack.Types;

namespace Zsep.Stack.Gateway
{
    /// <summary>
    /// Certificate-Based Key Establishment with the devices (SE 1.4 07-5356-21 C.4.2; issue 5 s.2). The ESI carries the
    /// Key Establishment cluster as server (a device that joined initiates, SE 5.4.5: the device is the client) and as
    /// client: <see cref="StartKeyEstablishment"/> has the gateway initiate toward the device's Key Establishment server,
    /// which C.4.2 allows either party to do (there is no command that asks a device to initiate). On success the KeyData
    /// replaces the device's Trust Center link key (policy, store; the install code stays), both sides switch, and the
    /// APS-secured SE traffic uses it. Failures are traced as ERR_AUTH_SEC_FAIL with the Terminate status. With the policy
    /// RequireKeyEstablishment, SE frames (every SE cluster but 0x0800) from or to a device that has not completed it are
    /// refused. The key is not confirmed further with APS Verify Key / Confirm Key: the CBKE MACU/MACV tags already prove
    /// that both hold it.
    /// </summary>
    public sealed partial class Gateway
    {
        /// <summary>Trace code of a completed key establishment.</summary>
        public const string KeyEstablishedTraceCode = "KE_ESTABLISHED";

        /// <summary>Trace code of a device's link key set back to its install-code key (it re-joined without the CBKE key).</summary>
        public const string KeyEstablishmentRevertedTraceCode = "KE_REVERTED";

        /// <summary>Trace code of an SE frame refused because key establishment is required first.</summary>
        public const string KeyEstablishmentRequiredTraceCode = "ERR_KE_REQUIRED";

        public const string CertificateImportedTraceCode = "CERT_IMPORTED";

        public const string CertificateRemovedTraceCode = "CERT_REMOVED";

        public const string CertificateAuthorityAddedTraceCode = "CA_ADDED";

        private readonly HashSet<Eui64> _keEstablished = new HashSet<Eui64>();
        private readonly Dictionary<Eui64, KeyEstablishmentOutcome> _keLastOutcome = new Dictionary<Eui64, KeyEstablishmentOutcome>();
        private KeyEstablishmentEndpoint? _keEndpoint;

        /// <summary>Options of the gateway's key establishment sessions (generate times, margins).</summary>
        public KeyEstablishmentOptions KeyEstablishmentOptions { get; set; } = new KeyEstablishmentOptions();

        /// <summary>Raised on the loop when a key establishment with a device ends (either role).</summary>
        public event Action<ZsepKeyEstablishmentResult>? KeyEstablishmentCompleted;

        /// <summary>Whether the device's link key came from key establishment.</summary>
        public bool HasEstablishedKey(Eui64 device) => _keEstablished.Contains(device);

        /// <summary>The last key establishment outcome with a device since the gateway started, or null.</summary>
        public ZsepKeyEstablishmentResult? GetLastKeyEstablishment(Eui64 device) =>
            _keLastOutcome.TryGetValue(device, out KeyEstablishmentOutcome? o) ? ZsepKeyEstablishmentResult.Of(Name, o) : null;

        /// <summary>Called from the constructor (after the application started): state from the store, the policy filters.</summary>
        private void InitKeyEstablishment()
        {
            foreach (StoredKeyEstablishment e in Store.GetKeyEstablishments())
            {
                _keEstablished.Add(e.Ieee);
            }

            Application.IncomingFilter = e => KeyEstablishmentAllows(e.Source, e.ProfileId, e.ClusterId) ? null : "KeyEstablishmentRequired";
            Application.OutgoingFilter = (destination, profile, cluster) => KeyEstablishmentAllows(destination, profile, cluster) ? null : "KeyEstablishmentRequired";
            Coordinator.AuthenticationFailed += OnAuthenticationFailedRevertKey;
            Coordinator.TrustCenterKeyVerified += OnTrustCenterKeyVerified;
        }

        /// <summary>A device proved its link key (Verify-Key) and was answered Confirm-Key.</summary>
        private void OnTrustCenterKeyVerified(Eui64 device, Aps.ApsStatus status)
        {
            if (status == Aps.ApsStatus.SUCCESS)
            {
                Trace.Info(KeyVerifiedTraceCode, device, "Verify-Key: the device holds the Trust Center link key; Confirm-Key SUCCESS");
            }
            else
            {
                Trace.Error(TraceCodes.ErrAuthSecFail, device, $"Verify-Key: the device's key hash does not match; Confirm-Key {status}");
            }
        }

        /// <summary>Trace code of a link key the device proved with Verify-Key.</summary>
        public const string KeyVerifiedTraceCode = "KEY_VERIFIED";

        /// <summary>Called by ConfigureEsi for an ESI with the Key Establishment server.</summary>
        private void AttachKeyEstablishment(ZclEndpoint esi)
        {
            _keEndpoint = new KeyEstablishmentEndpoint(_application!, esi, () => KeyEstablishmentIdentity, KeyEstablishmentOptions);
            _keEndpoint.Completed += OnKeyEstablishmentCompleted;
            _keEndpoint.TerminatedAfterSuccess += OnKeyEstablishmentTerminatedAfterSuccess;
        }

        private bool KeyEstablishmentAllows(NwkAddress partner, ushort profile, ushort cluster)
        {
            if (!Config.Policies.RequireKeyEstablishment || !ZigbeeNode.RequiresApsSecurity(profile, cluster) || partner == NwkAddress.Coordinator)
            {
                return true;
            }

            if (Coordinator.LookupIeee(partner) is Eui64 ieee && _keEstablished.Contains(ieee))
            {
                return true;
            }

            Trace.Write(TraceLevel.Warning, KeyEstablishmentRequiredTraceCode, partner,
                $"SE cluster 0x{cluster:X4} refused: the node has not completed key establishment (policy RequireKeyEstablishment)");
            return false;
        }

        /// <summary>For the attribute API: throws <see cref="KeyEstablishmentRequiredException"/> when the policy refuses SE traffic with the node.</summary>
        private void EnsureKeyEstablishment(Eui64 node, ushort cluster)
        {
            if (Config.Policies.RequireKeyEstablishment && ZigbeeNode.RequiresApsSecurity(ZigbeeNode.SmartEnergyProfileId, cluster) && !_keEstablished.Contains(node))
            {
                throw new KeyEstablishmentRequiredException(node);
            }
        }

        /// <summary>
        /// Runs key establishment with <paramref name="node"/> now, the gateway as initiator toward the device's Key
        /// Establishment server (on the endpoint the interview found, else 1), and waits for the outcome (driving the loop).
        /// </summary>
        /// <exception cref="ArgumentException">Unknown node.</exception>
        /// <exception cref="InvalidOperationException">The gateway has no certificate (Import-ZsepCertificate).</exception>
        public ZsepKeyEstablishmentResult StartKeyEstablishment(Eui64 node, CryptoSuite? suite = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        {
            NodeRecord record = Store.GetNode(node) ?? throw new ArgumentException($"{node} is not a node of {Name}.", nameof(node));
            if (KeyEstablishmentIdentity is null)
            {
                throw new InvalidOperationException("The gateway has no certificate for key establishment: import one with Import-ZsepCertificate -PrivateKey.");
            }

            if (_keEndpoint is null)
            {
                throw new InvalidOperationException("The ESI has no Key Establishment cluster (clusters.conf).");
            }

            byte endpoint = 1;
            if (_interviews.TryGetValue(node, out ZsepNodeInterview? interview)
                && interview.Endpoints.FirstOrDefault(e => e.InClusters.Contains(KeyEstablishmentCommand.ClusterId)) is { } match)
            {
                endpoint = match.Endpoint;
            }

            Coordinator.LearnAddress(record.NwkAddress, node);
            suite ??= ChooseSuite(node, record.NwkAddress, endpoint, cancellationToken);
            KeyEstablishmentSession session = _keEndpoint.Initiate(node, record.NwkAddress, endpoint, suite);
            Wait(() => session.Outcome is not null, timeout ?? TimeSpan.FromMinutes(2), cancellationToken);
            if (session.Outcome is null)
            {
                session.Abort(KeyEstablishmentStatus.NoResources, "Start-ZsepKeyEstablishment gave up waiting");
            }

            return ZsepKeyEstablishmentResult.Of(Name, session.Outcome!);
        }

        /// <summary>
        /// C.4.2.2: the initiator picks a suite both support. With more than one certificate the gateway reads the device's
        /// KeyEstablishmentSuite attribute (C.3.1.1.1), else falls back on the suite of a certificate learned from it.
        /// </summary>
        private CryptoSuite? ChooseSuite(Eui64 node, NwkAddress address, byte endpoint, CancellationToken cancellationToken)
        {
            KeyEstablishmentSuites ours = KeyEstablishmentIdentity!.SupportedSuites;
            if (ours == KeyEstablishmentSuites.Suite1 || ours == KeyEstablishmentSuites.Suite2)
            {
                return null;
            }

            ZclResponse? response = null;
            Application.ReadAttributes(address, endpoint, KeyEstablishmentCommand.ClusterId, new ushort[] { 0x0000 }, TimeSpan.FromSeconds(15), r => response = r, EsiEndpoint);
            Wait(() => response is not null, TimeSpan.FromSeconds(30), cancellationToken);
            KeyEstablishmentSuites theirs = KeyEstablishmentSuites.None;
            if (response?.Frame?.Foundation is Zcl.ZclReadAttributesResponse read
                && read.Records.FirstOrDefault(r => r.AttributeId == 0x0000 && r.Status == Zcl.ZclStatus.Success) is { } record)
            {
                theirs = (KeyEstablishmentSuites)Convert.ToUInt16(record.Value!.Value, System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                foreach (StoredDeviceCertificate c in Store.GetDeviceCertificates().Where(c => c.Ieee == node))
                {
                    theirs |= c.Certificate.Suite.ToBitmap();
                }
            }

            KeyEstablishmentSuites both = ours & theirs;
            return both.Contains(CryptoSuite.Suite2) ? CryptoSuite.Suite2 : both.Contains(CryptoSuite.Suite1) ? CryptoSuite.Suite1 : null;
        }

        private void OnKeyEstablishmentCompleted(KeyEstablishmentOutcome outcome)
        {
            Eui64 device = outcome.Partner;
            _keLastOutcome[device] = outcome;
            if (outcome.Succeeded && outcome.LinkKey is ZigbeeKey key && outcome.PartnerCertificate is ImplicitCertificate certificate)
            {
                Store.CompleteKeyEstablishment(device, certificate, key, Scheduler.Now);
                _policy.SetKey(device, key);
                _keEstablished.Add(device);
                Trace.Info(KeyEstablishedTraceCode, device,
                    $"suite {(int)certificate.Suite}, gateway {outcome.Role}, {outcome.Duration.TotalMilliseconds:0} ms: the derived key is now the device's TC link key");
            }
            else
            {
                string status = outcome.Status?.ToString() ?? outcome.Result.ToString();
                Trace.Error(TraceCodes.ErrAuthSecFail, device,
                    $"key establishment {status}{(outcome.TerminatedByPartner ? " (terminated by the device)" : string.Empty)}: {outcome.Reason}");
            }

            KeyEstablishmentCompleted?.Invoke(ZsepKeyEstablishmentResult.Of(Name, outcome));
        }

        /// <summary>The device refused MACV after the gateway switched: the key is not shared, so the install-code key comes back.</summary>
        private void OnKeyEstablishmentTerminatedAfterSuccess(Eui64 device, KeyEstablishmentStatus status)
        {
            RevertKey(device, $"the device terminated with {status} after the gateway's confirmation");
            Trace.Error(TraceCodes.ErrAuthSecFail, device, $"key establishment {status} (terminated by the device after MACV)");
        }

        /// <summary>
        /// A device that lost its CBKE key (factory reset) joins again with its install-code key and cannot decrypt a
        /// Transport Key under the CBKE key: after such a failed authentication the install-code key (kept in the Trust
        /// Center table) is restored, the next attempt succeeds, and key establishment runs again after the join.
        /// </summary>
        private void OnAuthenticationFailedRevertKey(object? sender, AuthenticationFailedEventArgs e)
        {
            if (e.Reason == "NoKeyConfirmation" && _keEstablished.Contains(e.Ieee))
            {
                RevertKey(e.Ieee, "the device did not take a Transport Key under its key-establishment key (re-joining with its install code?)");
            }
        }

        private void RevertKey(Eui64 device, string why)
        {
            _keEstablished.Remove(device);
            ZigbeeKey? installKey = Store.RevertKeyEstablishment(device);
            if (installKey is not null)
            {
                _policy.SetKey(device, installKey);
            }
            else
            {
                _policy.RemoveKey(device);
            }

            Trace.Write(TraceLevel.Warning, KeyEstablishmentRevertedTraceCode, device, "TC link key set back to the install-code key: " + why);
        }
    }
}
