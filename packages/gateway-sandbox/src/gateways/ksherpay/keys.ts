/**
 * Published test material (ksherpay.md §8), for tests and the sandbox only. None of these is a
 * live key: the 512-bit one is the example key of Ksher's SDKs (its `appid` was `mch32625`), the
 * 1024-bit one is `Mch35000_PrivateKey.pem` from Ksher's public Node demo.
 */
export const KSHER_SDK_EXAMPLE_PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIIBOgIBAAJBAMhFg7PoOgSvUWzfTv4xerdNRc0lZMGTh71dV3g0d4GEO88tOlph
LTPVnBGVvpvFvhYDgDQqWtGIm8NIHopQDJsCAwEAAQJADYmVY33ZHiPzrxZRMqGJ
mAZjJ4DVlLgyPrymgvuY8GovDisXC/4Oo2JCwGJLJEiYWvWJqkLIMnMfF9Mj6pEx
oQIhAPxbrlTCZsoxIXoftfA79EoXpPyJnQ26C4dcbkxQOAWZAiEAyylnP8uxMOIP
MsgXT1LF+WTGfw4JZyQCmJDKlIbFnFMCIHU6caVWGUHbyN1eVbofX7/7c90MYDS8
NBbRTTuOGDghAiEAoN2u4Kf0LOXC7Q3czzWWhyxRtEc0ENRFrfJwRf0VOfsCIFwg
IATE8U+GHPfygz0oBJwLfPaOAIdxup1x38UswEl/
-----END RSA PRIVATE KEY-----
`;

export const KSHER_DEMO_MCH35000_PRIVATE_KEY = `-----BEGIN RSA PRIVATE KEY-----
MIICYQIBAAKBgQC7KQ6yeYh7dlMaMniLvfQVYn5GscninlCfmNli6I8jQy5G3o1o
fnYF/CFArmfAhQHj3f14Enfr5ripissZBQBaCreEOSY0tBUTJ+NPZlKGiMOC11bN
OnsYv2Jm7FbmHzh0ok2V9KIiwtANn6Z2JvQWk46gM+M29dVDekSYnqDJqwIDAQAB
AoGAaPkwSx4rVMQa/DiOsCJMgqoJlXEmgLq3EazTUMyLbAXEMO+mdJNpcxXlOLgZ
bTuswbfC8NO6+08fB8jWi5WMuLD/8kxrEkymEg+tFouWcwqZlcAVusaDZxWXN22j
OUyKyUHBCJxIb7kZmPzrNozd7q1XCC1UW8wPQHqzT2JMjoECRQDKdauiXOSmsPOK
BzkHkrf5/QbHuCLSquDcLpST1y1tcFLLkEAc+AG3FbI/5BbAMZI+1OWSdE9SEV+j
SUlOLSYZeauCiwI9AOynpAMY2EVZ8otzs+pwgbzAFaZEjGYxPG0GIFiJf8wR7NhD
P2GpNEXASIMTn4HKme/d1CrQY8+THwZZYQJEbalzAAzk5M0v/PGQmGOGN2gwRfmd
ExLvnRO18qY4uvB+SDioIYjMFQkxdZ3sHMo89r+GYd+SH1e9v8owZKHb4yyeE6UC
PQCOfZG/W6I8f6AOXyghLISxRWbDqdpvXY3ohxvKs1+DW/ejbzomb17N8Ky4X4RW
/coaJxKshLTUMt0nUYECRQC/5D3kJsMJO8uQAEP9SAKkpidAIBv4leP4F+9tMdo2
cMpjhG5I9yqcd27+eNcduXpyVgugnilfONy9AB9T/0oBQSBskQ==
-----END RSA PRIVATE KEY-----
`;

/**
 * The sandbox's credentials (public on purpose: they only unlock this emulator). The sandbox
 * signs responses and notifications with the SDK example key, standing in for Ksher's key; the
 * merchant signs with the demo's `Mch35000` key, whose public half the sandbox checks requests with.
 */
export const KSHERPAY_SANDBOX_CREDENTIALS = {
  appid: 'mch35000',
  merchantPrivateKey: KSHER_DEMO_MCH35000_PRIVATE_KEY,
  /** The public half of the sandbox's response key: the server's `ksherpay.publicKey`. */
  ksherPublicKey: `-----BEGIN RSA PUBLIC KEY-----
MEgCQQDIRYOz6DoEr1Fs307+MXq3TUXNJWTBk4e9XVd4NHeBhDvPLTpaYS0z1ZwR
lb6bxb4WA4A0KlrRiJvDSB6KUAybAgMBAAE=
-----END RSA PUBLIC KEY-----
`,
} as const;
