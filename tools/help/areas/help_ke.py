# Help for the certificate and key establishment cmdlets (issue 5).
NET = dict(type="String", pipeline="True (ByPropertyName)",
           desc="The network's name; the session's default network when not given.\n\nThe default network is the one formed (New-ZsepNetwork) or reopened (Connect-ZsepNetwork) last in this session.")
def whatif(): return dict(type="SwitchParameter", desc="Shows what the command would do without doing it. Nothing is sent on the network and nothing is written to the network folder.")
def confirm(): return dict(type="SwitchParameter", desc="Asks for confirmation before the command acts.")
NOTOPEN = "If no network is open under the name given (or there is no default network) the command stops with the terminating error NetworkNotOpen."

EUI = "Zsep.Stack.Types.Eui64"
SUITE = dict(type="Int32", desc="The crypto suite: 1 (sect163k1, 48-byte certificates, 21-byte private keys) or 2 (sect283k1, 74-byte certificates, 36-byte private keys). By default it follows from the certificate's length.")
# A trusted test CA and the gateway's certificate, as several examples need them.
SETUP = ("$ca = New-ZsepTestCertificateAuthority -CryptoSuite 1\n"
         "$ca | Add-ZsepCertificateAuthority | Out-Null\n"
         "New-ZsepTestCertificate -Ieee (Get-ZsepNetwork).CoordinatorIeee -Authority $ca | Import-ZsepCertificate | Out-Null\n")
TMP = "([System.IO.Path]::GetTempPath())"
CERT_OUT = ("Zsep.Stack.Gateway.ZsepCertificate", "A certificate: kind (Gateway or Device), subject, suite, issuer, whether it is a test certificate, whether the gateway holds its private key, validity (suite 2), and for a device when its link key last came from key establishment. Never a private key.")

cmds = [
 dict(name="New-ZsepTestCertificateAuthority",
  synopsis="Creates a TEST certificate authority that issues real ECQV implicit certificates for simulated devices and labs.",
  description="""New-ZsepTestCertificateAuthority makes a certificate authority for Smart Energy key establishment tests: a fresh private key on the suite's curve (sect163k1 for suite 1, sect283k1 for suite 2) from the operating system's generator, and the issuer identifier "ZSEPTEST" unless -Issuer gives another. Its certificates are real Certicom ECQV implicit certificates (SE 1.4 Annex C.4.2 formats), so simulated devices can run Certificate-Based Key Establishment with a gateway; suite 1 certificates carry ZSEPTEST in their profile data too, so they are recognisable as test credentials.

A gateway accepts certificates from this CA only after Add-ZsepCertificateAuthority; a gateway whose roots do not include it refuses them (Unknown Issuer). Never trust a test CA on a production network.

The CA's private key is never displayed (the object's ToString says "redacted"). -Path writes the CA, private key included, to a file (mode 0600 on Linux and macOS), which -Load -Path reads back in a later session.""",
  sets=[["CryptoSuite","Path","Issuer","WhatIf","Confirm"],["Path","Load"]],
  params={
   "CryptoSuite": dict(type="Int32", position="0", required="true", desc="1 or 2: the suite of the certificates the CA issues."),
   "Path": dict(type="String", position="1", desc="With a new CA: also save it (with its private key) to this file. With -Load: the file to read."),
   "Load": dict(type="SwitchParameter", required="true", desc="Read a CA saved with -Path instead of creating one."),
   "Issuer": dict(type=EUI, desc="The 8-byte issuer identifier as 16 hex digits; default 5A53455054455354 (ZSEPTEST)."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("None","You cannot pipe objects to New-ZsepTestCertificateAuthority.")],
  outputs=[("Zsep.Stack.KeyEstablishment.ZsepTestCertificateAuthority","The test CA: suite, issuer, public key (what a gateway trusts), and the file it was saved to.")],
  examples=[
   ("New-ZsepTestCertificateAuthority -CryptoSuite 1", "Creates a suite 1 test CA for this session."),
   ("$file = Join-Path " + TMP + " 'zsep-test-ca2.txt'\nNew-ZsepTestCertificateAuthority -CryptoSuite 2 -Path $file | Out-Null\nNew-ZsepTestCertificateAuthority -Load -Path $file",
    "Creates a suite 2 test CA, saves it to the temporary folder, and reads it back as a later session would."),
  ],
  links=["New-ZsepTestCertificate","Add-ZsepCertificateAuthority","Add-ZsepSimulatedDevice"]),

 dict(name="New-ZsepTestCertificate",
  synopsis="Issues a TEST implicit certificate and private key for a device (or the gateway) from a test CA.",
  description="""New-ZsepTestCertificate issues an ECQV implicit certificate (SE 1.4 Annex C.4.2) for the IEEE address given, with its private key, from -Authority or, without it, from a test CA of the suite kept for the whole session. Suite 2 certificates get a random serial number and no expiry.

The output carries the private key as an object whose text is always "redacted"; pipe it to Import-ZsepCertificate (the gateway's own certificate, when -Ieee is the coordinator's address) or Test-ZsepCertificate. -Path writes the Certicom text form (CA Pub Key, Device Implicit Cert, Device Private Key), which Import-ZsepCertificate -Path reads; the file holds the private key and is made owner-only on Linux and macOS.

These are test credentials: a gateway accepts them only if it trusts the issuing CA.""",
  sets=[["Ieee","CryptoSuite","Authority","Path","WhatIf","Confirm"]],
  params={
   "Ieee": dict(type=EUI, position="0", required="true", pipeline="True (ByPropertyName)", desc="The certificate's subject: the device's IEEE address (for the gateway, its coordinator's, the CoordinatorIeee of Get-ZsepNetwork)."),
   "CryptoSuite": dict(type="Int32", desc="1 or 2; default the authority's suite (1 without -Authority)."),
   "Authority": dict(type="Zsep.Stack.KeyEstablishment.ZsepTestCertificateAuthority", desc="The issuing test CA (New-ZsepTestCertificateAuthority). Default: the session's test CA of the suite."),
   "Path": dict(type="String", desc="Also write the Certicom text form, private key included, to this file."),
   "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Types.Eui64","Objects with an Ieee (or Subject, CoordinatorIeee) property.")],
  outputs=[("Zsep.Stack.KeyEstablishment.ZsepTestCertificate","The certificate (subject, suite, issuer, hex) with its private key, which is never displayed.")],
  examples=[
   ("$ca = New-ZsepTestCertificateAuthority -CryptoSuite 1\nNew-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:00:00:01 -Authority $ca", "Issues a suite 1 test certificate for a meter."),
   ("$file = Join-Path " + TMP + " 'zsep-gw-cert.txt'\nNew-ZsepTestCertificate -Ieee (Get-ZsepNetwork).CoordinatorIeee -CryptoSuite 2 -Path $file",
    "Issues a suite 2 certificate for the gateway from the session's test CA and writes it, in the Certicom text form, to the temporary folder."),
  ],
  links=["New-ZsepTestCertificateAuthority","Import-ZsepCertificate","Test-ZsepCertificate"]),

 dict(name="Add-ZsepCertificateAuthority",
  synopsis="Trusts a certificate authority's public key for key establishment.",
  description="""Add-ZsepCertificateAuthority adds a CA root of one suite to the network's trusted roots (zsep.db). Certificates are checked against the roots when imported (Import-ZsepCertificate, Test-ZsepCertificate) and when a device presents one in key establishment: a certificate whose issuer is not among them is refused, and the device's key establishment ends with Terminate Key Establishment status Unknown Issuer.

Give the CA's compressed public key in hex (22 bytes for suite 1, 37 for suite 2; it must be a point of the curve), pipe a test CA from New-ZsepTestCertificateAuthority, or name the Certicom test CA of a suite (for certificates from Certicom's test service). Adding a root again changes nothing. """ + NOTOPEN,
  sets=[["PublicKey","CryptoSuite","Network","WhatIf","Confirm"],["TestAuthority","Network","WhatIf","Confirm"],["CerticomTestSuite","Network","WhatIf","Confirm"]],
  params={
   "PublicKey": dict(type="String", position="0", required="true", desc="The CA's compressed public key in hex."),
   "CryptoSuite": dict(type="Int32", desc="1 or 2; by default from the key's length."),
   "TestAuthority": dict(type="Zsep.Stack.KeyEstablishment.ZsepTestCertificateAuthority", required="true", pipeline="True (ByValue)", desc="A test CA from New-ZsepTestCertificateAuthority."),
   "CerticomTestSuite": dict(type="Int32", required="true", desc="1 or 2: the Certicom test CA of that suite."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.KeyEstablishment.ZsepTestCertificateAuthority","Test CAs.")],
  outputs=[("Zsep.Stack.Gateway.ZsepCertificateAuthority","The trusted root: suite, issuer, public key, whether it is a test CA.")],
  examples=[
   ("New-ZsepTestCertificateAuthority -CryptoSuite 1 | Add-ZsepCertificateAuthority", "Creates a test CA and makes the default network trust it."),
   ("Add-ZsepCertificateAuthority -CerticomTestSuite 1", "Trusts the Certicom suite 1 test CA, for meters carrying Certicom test certificates."),
  ],
  links=["Get-ZsepCertificateAuthority","Import-ZsepCertificate","Test-ZsepCertificate"]),

 dict(name="Get-ZsepCertificateAuthority",
  synopsis="Gets the CA roots the network trusts for key establishment.",
  description="Get-ZsepCertificateAuthority lists the trusted CA public keys per suite, with their issuer when known and whether they are test CAs. " + NOTOPEN,
  sets=[["CryptoSuite","Network"]],
  params={"CryptoSuite": dict(type="Int32", desc="Only the roots of suite 1 or 2."), "Network": NET},
  inputs=[("System.String","Objects with a Network property.")],
  outputs=[("Zsep.Stack.Gateway.ZsepCertificateAuthority","One record per trusted root.")],
  examples=[("Add-ZsepCertificateAuthority -CerticomTestSuite 2 | Out-Null\nGet-ZsepCertificateAuthority", "Trusts the Certicom suite 2 test CA and lists the roots.")],
  links=["Add-ZsepCertificateAuthority"]),

 dict(name="Import-ZsepCertificate",
  synopsis="Imports the gateway's certificate and private key (or a device's certificate), checked against the trusted roots.",
  description="""Import-ZsepCertificate reads a Certicom implicit certificate: from a file (-Path) in the Certicom text form (lines CA Pub Key:, Device Implicit Cert:, Device Private Key:), PEM (a block labelled PRIVATE KEY is the key), hex text or raw binary; from hex (-Hex); or from New-ZsepTestCertificate through the pipeline.

It is checked before anything is stored: its length and structure (48 bytes suite 1, 74 bytes suite 2), its issuer among the trusted roots (Add-ZsepCertificateAuthority), its validity period (suite 2), and with a private key, that the key matches the public key reconstructed from the certificate and the CA. A refusal is a non-terminating error whose id names the reason: CertificateUnknownIssuer, CertificatePrivateKeyMismatch, CertificateExpired, CertificateNotYetValid, CertificateBadLength, CertificateBadStructure, CertificateInvalidPoint; a file that cannot be read is InvalidFormat.

With a private key the certificate becomes the gateway's own for its suite (its subject must be the coordinator's IEEE address); the key is stored sealed (AES-256-GCM under a key kept in cbke-keystore.key in the network folder, owner-only), never in clear in zsep.db, and never displayed. Without one it is recorded as a device's certificate. Devices' certificates are also learned during key establishment. """ + NOTOPEN,
  sets=[["Path","PrivateKey","CryptoSuite","Network","WhatIf","Confirm"],["Hex","PrivateKey","CryptoSuite","Network","WhatIf","Confirm"],["InputObject","Network","WhatIf","Confirm"]],
  params={
   "Path": dict(type="String", position="0", required="true", desc="The certificate file: Certicom text form, PEM, hex text or raw binary."),
   "Hex": dict(type="String", required="true", desc="The certificate in hex."),
   "InputObject": dict(type="Zsep.Stack.KeyEstablishment.ZsepTestCertificate", required="true", pipeline="True (ByValue)", desc="A test certificate with its private key, from New-ZsepTestCertificate."),
   "PrivateKey": dict(type="String", desc="The private key: hex digits (21 bytes suite 1, 36 bytes suite 2) or the path of a file holding it (raw, hex, PEM or the Certicom text form). It is never displayed or repeated in an error."),
   "CryptoSuite": SUITE,
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.KeyEstablishment.ZsepTestCertificate","Test certificates.")],
  outputs=[CERT_OUT],
  examples=[
   ("$ca = New-ZsepTestCertificateAuthority -CryptoSuite 1\n$ca | Add-ZsepCertificateAuthority | Out-Null\nNew-ZsepTestCertificate -Ieee (Get-ZsepNetwork).CoordinatorIeee -Authority $ca | Import-ZsepCertificate",
    "Trusts a test CA and gives the gateway a suite 1 certificate and private key from it."),
   ("$ca = New-ZsepTestCertificateAuthority -CryptoSuite 2\n$ca | Add-ZsepCertificateAuthority | Out-Null\n$file = Join-Path " + TMP + " 'zsep-import.txt'\nNew-ZsepTestCertificate -Ieee (Get-ZsepNetwork).CoordinatorIeee -Authority $ca -Path $file | Out-Null\nImport-ZsepCertificate -Path $file",
    "Imports the gateway's suite 2 certificate and private key from a file in the Certicom text form."),
   (SETUP + "Import-ZsepCertificate -Hex (New-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:00:00:01 -Authority $ca).CertificateHex",
    "Records a meter's certificate, given in hex, as a device certificate."),
  ],
  links=["Get-ZsepCertificate","Test-ZsepCertificate","Add-ZsepCertificateAuthority","Start-ZsepKeyEstablishment"]),

 dict(name="Get-ZsepCertificate",
  synopsis="Gets the gateway's certificates and the devices' (never a private key).",
  description="Get-ZsepCertificate lists the gateway's own certificates (one per suite, HasPrivateKey true) and the devices' certificates, imported or learned during key establishment, with KeyEstablished when the device's Trust Center link key last came from key establishment. " + NOTOPEN,
  sets=[["Subject","Kind","Network"]],
  params={
   "Subject": dict(type="Zsep.Stack.Types.Eui64[]", position="0", pipeline="True (ByPropertyName)", desc="Only the certificates of these IEEE addresses (also bound from Ieee or Node)."),
   "Kind": dict(type="Zsep.Stack.Gateway.ZsepCertificateKind", desc="Gateway or Device."),
   "Network": NET,
  },
  inputs=[("Zsep.Stack.Types.Eui64","Objects with a Subject, Ieee or Node property.")],
  outputs=[CERT_OUT],
  examples=[(SETUP + "Get-ZsepCertificate -Kind Gateway", "Gives the gateway a test certificate and lists it.")],
  links=["Import-ZsepCertificate","Remove-ZsepCertificate"]),

 dict(name="Remove-ZsepCertificate",
  synopsis="Removes a certificate; the gateway's own goes with its private key.",
  description="Remove-ZsepCertificate deletes the certificates of a subject (of one suite with -CryptoSuite): for the coordinator's address, the gateway's own certificate and its sealed private key, after which the gateway cannot run key establishment in that suite; for a device, its recorded certificate. It asks for confirmation (ConfirmImpact High); -Force skips the question. An unknown subject is the error CertificateNotFound. " + NOTOPEN,
  sets=[["Subject","CryptoSuite","Force","PassThru","Network","WhatIf","Confirm"]],
  params={
   "Subject": dict(type=EUI, position="0", required="true", pipeline="True (ByPropertyName)", desc="The certificate's subject (also bound from Ieee or Node)."),
   "CryptoSuite": dict(type="Int32", pipeline="True (ByPropertyName)", desc="Only the certificate of suite 1 or 2."),
   "Force": dict(type="SwitchParameter", desc="Remove without asking."),
   "PassThru": dict(type="SwitchParameter", desc="Output what was removed."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepCertificate","Certificates from Get-ZsepCertificate.")],
  outputs=[CERT_OUT],
  examples=[(SETUP + "Remove-ZsepCertificate -Subject (Get-ZsepNetwork).CoordinatorIeee -Force -PassThru", "Removes the gateway's certificate and private key and shows what went.")],
  links=["Get-ZsepCertificate","Import-ZsepCertificate"]),

 dict(name="Test-ZsepCertificate",
  synopsis="Checks a certificate (and private key) against the network's trusted roots and says why it fails.",
  description="""Test-ZsepCertificate runs the checks of Import-ZsepCertificate without storing anything and reports the outcome as an object: IsValid, the Reason (Ok, UnknownIssuer, BadLength, BadStructure, Expired, NotYetValid, PrivateKeyMismatch, InvalidPoint) and a message for people. A certificate that does not decode is reported (BadStructure), not an error. """ + NOTOPEN,
  sets=[["Path","PrivateKey","CryptoSuite","Network"],["Hex","PrivateKey","CryptoSuite","Network"],["InputObject","Network"]],
  params={
   "Path": dict(type="String", position="0", required="true", desc="The certificate file: Certicom text form, PEM, hex text or raw binary."),
   "Hex": dict(type="String", required="true", desc="The certificate in hex."),
   "InputObject": dict(type="Zsep.Stack.KeyEstablishment.ZsepTestCertificate", required="true", pipeline="True (ByValue)", desc="A test certificate (its private key is checked too)."),
   "PrivateKey": dict(type="String", desc="Also check this private key (hex, or a file holding it)."),
   "CryptoSuite": SUITE,
   "Network": NET,
  },
  inputs=[("Zsep.Stack.KeyEstablishment.ZsepTestCertificate","Test certificates.")],
  outputs=[("Zsep.Stack.Gateway.ZsepCertificateTest","Subject, suite, issuer, IsValid, Reason and Message.")],
  examples=[
   ("$other = New-ZsepTestCertificateAuthority -CryptoSuite 1\nNew-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:00:00:02 -Authority $other | Test-ZsepCertificate",
    "Tests a certificate from a CA the network does not trust: Reason UnknownIssuer."),
   (SETUP + "New-ZsepTestCertificate -Ieee 00:0D:6F:00:0A:00:00:03 -Authority $ca | Test-ZsepCertificate", "Tests a certificate from the trusted CA, with its private key: valid."),
  ],
  links=["Import-ZsepCertificate","Add-ZsepCertificateAuthority"]),

 dict(name="Start-ZsepKeyEstablishment",
  synopsis="Runs Certificate-Based Key Establishment with a node now and returns the suite, status and duration.",
  description="""Start-ZsepKeyEstablishment runs Smart Energy key establishment (SE 1.4 Annex C.4.2, the Key Establishment cluster 0x0800) with each node given. The gateway initiates, as the cluster's client, toward the device's Key Establishment server (the specification lets either party initiate; there is no command that asks a device to start): Initiate Key Establishment with both certificates, Ephemeral Data, Confirm Key Data with the MACU and MACV tags. Both sides derive the same key with ECQV, ECMQV and the MMO-hash derivation; it replaces the device's Trust Center link key at both ends (the install code stays registered, for a re-join after a factory reset), and the APS-secured Smart Energy traffic uses it from then on. The tags already prove both hold the key; no APS Verify Key follows.

Devices with a certificate also run it by themselves after they join (the device is the initiator then); Get-ZsepTrace -Code KE_ESTABLISHED lists the successes.

The output gives the suite, the Status (Success, a Terminate status: UnknownIssuer, BadKeyConfirm, BadMessage, NoResources, UnsupportedSuite, InvalidCertificate; or Timeout), who terminated, the gateway's role and the duration in network time. A failure is also a non-terminating error with the id KeyEstablishment<Status> and is written to the trace as ERR_AUTH_SEC_FAIL with the status and the device's IEEE address. A gateway without a certificate gives InvalidOperation. With Set-ZsepTrustCenterPolicy -RequireKeyEstablishment $true, Smart Energy traffic with a device is refused until it succeeded. """ + NOTOPEN,
  sets=[["Node","CryptoSuite","TimeoutSeconds","Network","WhatIf","Confirm"]],
  params={
   "Node": dict(type="Zsep.Stack.Types.Eui64[]", position="0", required="true", pipeline="True (ByPropertyName)", desc="The nodes' IEEE addresses (also bound from Ieee)."),
   "CryptoSuite": dict(type="Int32", desc="Ask for suite 1 or 2; default the strongest the gateway has a certificate for."),
   "TimeoutSeconds": dict(type="Int32", default="120", desc="How long to wait for the outcome, in network time."),
   "Network": NET, "WhatIf": whatif(), "Confirm": confirm(),
  },
  inputs=[("Zsep.Stack.Gateway.ZsepNode","Nodes from Get-ZsepNode.")],
  outputs=[("Zsep.Stack.Gateway.ZsepKeyEstablishmentResult","Node, suite, status, whether the node terminated, the gateway's role, duration and reason. Never a key.")],
  examples=[
   (SETUP + "Add-ZsepSimulatedDevice -Kind Meter -Ieee 00:0D:6F:00:0A:00:00:01 -InstallCode 83FED3407A939723A5C639B26916D505C3B5 -Position 30, 0 -Register -TestCertificateAuthority $ca | Out-Null\n"
    "Enable-ZsepJoin -Duration 120 -Wait -ExpectCount 1 | Out-Null\nStep-ZsepSimulation -Duration 00:00:30\nStart-ZsepKeyEstablishment -Node 00:0D:6F:00:0A:00:00:01",
    "Gives the gateway a test certificate, lets a simulated meter with a certificate from the same CA join (it runs key establishment by itself), then runs it again on demand."),
   ("Start-ZsepKeyEstablishment -Node 00:0D:6F:00:0A:00:00:09 -WhatIf", "Shows what would be done, without sending anything."),
  ],
  links=["Import-ZsepCertificate","Get-ZsepCertificate","Set-ZsepTrustCenterPolicy","Get-ZsepTrace"]),
]

# Set-ZsepTrustCenterPolicy's entry lives in zsep_help_all.py; its new parameter (merge this into that entry):
SET_POLICY_PARAMETER = {
 "RequireKeyEstablishment": dict(type="Nullable[Boolean]", desc="When true, Smart Energy traffic (every SE cluster but Key Establishment) with a device is refused, in both directions, until the device completed key establishment (Start-ZsepKeyEstablishment; devices with certificates run it after joining). Refused frames are traced as ERR_KE_REQUIRED; the gateway's attribute commands fail with KeyEstablishmentRequired."),
}

# Add-ZsepSimulatedDevice's entry lives in zsep_help_all.py; its new parameters (merge these into that entry):
ADD_SIMULATED_DEVICE_PARAMETERS = {
 "TestCertificateAuthority": dict(type="Zsep.Stack.KeyEstablishment.ZsepTestCertificateAuthority", desc="A test CA (New-ZsepTestCertificateAuthority) that issues each device a certificate and private key; the device trusts that CA, offers the Key Establishment cluster on its endpoint and runs key establishment with the gateway after it joins. The certificate is not kept across Connect-ZsepNetwork."),
 "KeyEstablishmentMisbehavior": dict(type="Zsep.Simulation.Devices.KeyEstablishmentMisbehavior", desc="For tests: None (default), TamperedCertificate, WrongPrivateKey, AlteredConfirmTag or UnsupportedSuite: how the device gets key establishment wrong. The gateway ends such an exchange with Terminate status BadKeyConfirm (the first three) or UnsupportedSuite."),
}
