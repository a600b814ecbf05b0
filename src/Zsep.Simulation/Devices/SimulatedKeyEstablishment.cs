using System;
using System.Collections.Generic;
using Org.BouncyCastle.Security;
using Zsep.Stack.KeyEstablishment;
using Zsep.Stack.Node;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Simulation.Devices
{
    /// <summary>Ways a simulated device can get key establishment wrong, for tests (issue 5: the negative cases).</summary>
    public enum KeyEstablishmentMisbehavior
    {
        None,

        /// <summary>
        /// One byte of the certificate is altered (suite 1: profile attribute data; suite 2: serial number), so the
        /// gateway reconstructs another public key and the device's MACU does not match: BadKeyConfirm.
        /// </summary>
        TamperedCertificate,

        /// <summary>The device uses a private key that does not belong to its certificate: BadKeyConfirm.</summary>
        WrongPrivateKey,

        /// <summary>The device flips a bit of its MACU in Confirm Key Data Request: BadKeyConfirm.</summary>
        AlteredConfirmTag,

        /// <summary>The device asks for a suite no one defines (0x0004) in Initiate Key Establishment Request: UnsupportedSuite.</summary>
        UnsupportedSuite,
    }

    /// <summary>
    /// A simulated SE device's key establishment (SE 1.4 07-5356-21 C.4.2; 5.4.5: the device is the client): its
    /// certificate and private key, the Key Establishment cluster as client and server on its SE endpoint, and the
    /// initiation after it joined (toward the ESI found by Match_Desc, else endpoint 1). On success, in either role,
    /// the derived key becomes the device's Trust Center link key.
    /// </summary>
    public sealed class SimulatedKeyEstablishment : IDisposable
    {
        /// <summary>How long after joining the device starts (after its ESI discovery, at most <see cref="MaxDiscoveryWait"/>).</summary>
        public static readonly TimeSpan StartDelay = TimeSpan.FromSeconds(2);

        public static readonly TimeSpan MaxDiscoveryWait = TimeSpan.FromSeconds(45);

        private readonly ZigbeeNode _node;
        private readonly SeDeviceApplication _application;
        private readonly IStackScheduler _scheduler;
        private readonly KeyEstablishmentIdentity _identity;
        private DateTimeOffset _joinedAt;
        private int _timeouts;
        private bool _disposed;

        public SimulatedKeyEstablishment(ZigbeeNode node, SeDeviceApplication application, IStackScheduler scheduler,
            KeyEstablishmentCredential credential, IEnumerable<CertificateAuthority> trustedRoots, KeyEstablishmentMisbehavior misbehavior = KeyEstablishmentMisbehavior.None,
            SecureRandom? random = null)
        {
            _node = node ?? throw new ArgumentNullException(nameof(node));
            _application = application ?? throw new ArgumentNullException(nameof(application));
            _scheduler = scheduler;
            Misbehavior = misbehavior;
            _identity = new KeyEstablishmentIdentity(new[] { Misbehave(credential, misbehavior, random ?? new SecureRandom()) }, trustedRoots);
            Endpoint = new KeyEstablishmentEndpoint(application.Application, application.Endpoint, () => _identity,
                new KeyEstablishmentOptions { EphemeralDataGenerateTime = 5, ConfirmKeyGenerateTime = 5 });
            if (misbehavior == KeyEstablishmentMisbehavior.AlteredConfirmTag)
            {
                Endpoint.OutgoingFilter = (command, toClient, payload) =>
                {
                    if (command == KeyEstablishmentCommand.ConfirmKeyData && payload.Length > 0)
                    {
                        payload = (byte[])payload.Clone();
                        payload[0] ^= 0x01;
                    }

                    return payload;
                };
            }
            else if (misbehavior == KeyEstablishmentMisbehavior.UnsupportedSuite)
            {
                Endpoint.OutgoingFilter = (command, toClient, payload) =>
                {
                    if (command == KeyEstablishmentCommand.InitiateKeyEstablishment && !toClient && payload.Length >= 2)
                    {
                        payload = (byte[])payload.Clone();
                        payload[0] = 0x04;
                        payload[1] = 0x00;
                    }

                    return payload;
                };
            }

            Endpoint.Completed += OnCompleted;
            node.StateChanged += OnStateChanged;
        }

        public KeyEstablishmentMisbehavior Misbehavior { get; }

        /// <summary>The device's certificate (as it presents it).</summary>
        public ImplicitCertificate Certificate => _identity.Credential(_identity.PreferredSuite!.Value)!.Certificate;

        public KeyEstablishmentEndpoint Endpoint { get; }

        /// <summary>The outcome of the last key establishment (either role), or null.</summary>
        public KeyEstablishmentOutcome? LastOutcome { get; private set; }

        /// <summary>How many key establishments succeeded.</summary>
        public int Successes { get; private set; }

        /// <summary>The Trust Center's Confirm-Key status for the last established key (null: none yet, or no answer).</summary>
        public Zsep.Stack.Aps.ApsStatus? KeyVerifyStatus { get; private set; }

        /// <summary>Raised when a key establishment ends.</summary>
        public event Action<KeyEstablishmentOutcome>? Completed;

        /// <summary>Starts key establishment now as the initiator toward the Trust Center's ESI (or endpoint 1).</summary>
        public void Start()
        {
            if (_disposed || _node.State != NodeState.Joined)
            {
                return;
            }

            Endpoint.Initiate(_node.TrustCenterAddress, NwkAddress.Coordinator, _application.EsiEndpoint ?? 1);
        }

        private void OnStateChanged(object? sender, NodeState state)
        {
            if (state == NodeState.Joined && !_disposed)
            {
                _joinedAt = _scheduler.Now;
                _timeouts = 0;
                ScheduleStart(StartDelay);
            }
        }

        private void ScheduleStart(TimeSpan delay) => _scheduler.Schedule(delay, () =>
        {
            if (_disposed || _node.State != NodeState.Joined)
            {
                return;
            }

            if (_application.EsiEndpoint is null && _scheduler.Now - _joinedAt < MaxDiscoveryWait)
            {
                ScheduleStart(TimeSpan.FromSeconds(2));
                return;
            }

            Start();
        });

        private void OnCompleted(KeyEstablishmentOutcome outcome)
        {
            LastOutcome = outcome;
            if (outcome.Succeeded && outcome.LinkKey is ZigbeeKey key)
            {
                _node.SetTrustCenterLinkKey(key);
                Successes++;
                // 4.6.3.8: prove the new key to the Trust Center (Verify-Key), which confirms it under that key.
                KeyVerifyStatus = null;
                _node.VerifyTrustCenterLinkKey(TimeSpan.FromSeconds(15), status => KeyVerifyStatus = status);
            }
            else if (outcome.Result == KeyEstablishmentResult.Timeout && outcome.Role == KeyEstablishmentRole.Initiator && ++_timeouts <= 2)
            {
                ScheduleStart(TimeSpan.FromSeconds(10));
            }

            Completed?.Invoke(outcome);
        }

        private static KeyEstablishmentCredential Misbehave(KeyEstablishmentCredential credential, KeyEstablishmentMisbehavior misbehavior, SecureRandom random)
        {
            switch (misbehavior)
            {
                case KeyEstablishmentMisbehavior.TamperedCertificate:
                    byte[] bytes = credential.Certificate.ToArray();
                    // Suite 1: the last byte of the profile attribute data; suite 2: the last byte of the serial number.
                    bytes[credential.Suite == CryptoSuite.Suite1 ? bytes.Length - 1 : 8] ^= 0x5A;
                    return new KeyEstablishmentCredential(ImplicitCertificate.Decode(bytes, credential.Suite), credential.PrivateKey);
                case KeyEstablishmentMisbehavior.WrongPrivateKey:
                    return new KeyEstablishmentCredential(credential.Certificate, Ecqv.GeneratePrivateKey(credential.Suite, random));
                default:
                    return credential;
            }
        }

        public void Dispose()
        {
            _disposed = true;
            _node.StateChanged -= OnStateChanged;
        }
    }
}
