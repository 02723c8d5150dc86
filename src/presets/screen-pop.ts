import type { Preset } from './types';

const CONTACT_EVENTS = [
  'conversation.selected',
  'conversation.accepted',
  'conversation.assigned',
  'contact.identified',
];

export const screenPopPresets: Preset[] = [
  {
    id: 'screen-pop-search',
    name: 'Screen pop: search the CRM by phone or e-mail',
    group: 'Screen pop',
    description:
      'When a conversation is selected, accepted or assigned, or a visitor introduces themselves, open (or reuse) a CRM tab on its search page for the contact’s phone, else e-mail.',
    secrets: [],
    edit: [
      'Replace https://crm.example.com/search?q= with your CRM’s search URL (the value is URL-encoded for you).',
      'Set the reuse pattern to your CRM’s pages, so one CRM tab is reused.',
    ],
    docs: [],
    rule: {
      name: 'Screen pop: search the CRM by phone or e-mail',
      when: {
        events: CONTACT_EVENTS,
        where: [
          { op: 'exists', path: 'contact.phone' },
          { op: 'exists', path: 'contact.email' },
        ],
        match: 'any',
      },
      then: [
        {
          kind: 'open-url',
          url: 'https://crm.example.com/search?q={{ contact.phone | default: contact.email }}',
          target: 'reuse',
          reusePattern: 'https://crm.example.com/*',
          navigate: true,
        },
      ],
      once: { per: 'contact', windowMs: 3_600_000 },
    },
  },
  {
    id: 'siebel-contact',
    name: 'Screen pop: Siebel contact by siebelId',
    group: 'Screen pop',
    description:
      'Rox.Chat passes the visitor’s Siebel row id (siebelId → contact.crmId). Open the Siebel Contact Detail view for it with the SWE GotoView command.',
    secrets: [],
    edit: [
      'Replace https://siebel.example.com/siebel/app/callcenter/enu with your Siebel application URL.',
      'Adjust SWEView / SWEPostnApplet if your Siebel uses other view or applet names.',
    ],
    docs: [
      {
        label: 'Oracle Siebel Portal Framework Guide: SWE commands (GotoView)',
        url: 'https://docs.oracle.com/cd/E14004_01/books/PortalFrame/PortalFrameDelConExtWebApps27.html',
      },
    ],
    rule: {
      name: 'Screen pop: Siebel contact by siebelId',
      when: {
        events: ['conversation.selected', 'contact.identified'],
        where: [{ op: 'exists', path: 'contact.crmId' }],
      },
      then: [
        {
          kind: 'open-url',
          url: 'https://siebel.example.com/siebel/app/callcenter/enu?SWECmd=GotoView&SWEView=Contact+Detail+View&SWEPostnApplet=Contact+Form+Applet&SWEPostnRowId={{ contact.crmId }}',
          target: 'reuse',
          reusePattern: 'https://siebel.example.com/*',
          navigate: true,
        },
      ],
      once: { per: 'contact', windowMs: 600_000 },
    },
  },
];
