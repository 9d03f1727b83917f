/**
 * Deterministic demo data. Primary account ('sandbox-token'): three numbers; the first has 14
 * chats (10 direct, 4 group), one of them with 150 messages. The other account
 * ('sandbox-token-other') has one number and its own chats. Messages mix text, media, links,
 * decorations, replies, effects and reactions (tapbacks, custom emoji, stickers).
 */
import { EMAILS, GROUP_NAMES, SEED_EPOCH } from './data.js';
import { seedMessages } from './messages.js';
import { Store } from '../store.js';
import type { AccountRec, ChatRec, HandleRec, ServiceName } from '../records.js';

export const PRIMARY_TOKEN = 'sandbox-token';
export const OTHER_TOKEN = 'sandbox-token-other';
export const DEFAULT_SEED = 20250521;

const iso = (ms: number) => new Date(ms).toISOString();

export function seedStore(seed = DEFAULT_SEED): Store {
  const store = new Store(seed);
  const rng = store.rng;
  const primary: AccountRec = { id: 'primary', token: PRIMARY_TOKEN, phoneNumbers: [] };
  const other: AccountRec = { id: 'other', token: OTHER_TOKEN, phoneNumbers: [] };
  store.accounts.push(primary, other);
  const numbers: [AccountRec, string, string | null][] = [
    [primary, '+12025550101', '+12025550199'],
    [primary, '+12025550102', null],
    [primary, '+12025550103', null],
    [other, '+13125550177', null],
  ];
  numbers.forEach(([account, number, forwarding], i) => {
    account.phoneNumbers.push({
      v2Id: 301 + i,
      uuid: rng.uuid(),
      number,
      forwardingNumber: forwarding,
      responseRate: 1,
      accountId: account.id,
    });
  });

  let contact = 0;
  const nextContact = () => `+1415555${String(1000 + contact++).padStart(4, '0')}`;
  const plan: { account: AccountRec; owner: string; direct: number; group: number }[] = [
    { account: primary, owner: '+12025550101', direct: 10, group: 4 },
    { account: primary, owner: '+12025550102', direct: 4, group: 1 },
    { account: primary, owner: '+12025550103', direct: 2, group: 1 },
    { account: other, owner: '+13125550177', direct: 3, group: 1 },
  ];
  let chatIndex = 0;
  for (const p of plan) {
    for (let i = 0; i < p.direct + p.group; i++) {
      const isGroup = i >= p.direct;
      const big = p.owner === '+12025550101' && i === 0;
      const createdMs = SEED_EPOCH + chatIndex * 36 * 3_600_000 + rng.int(0, 3_600_000);
      const members: string[] = [];
      const count = isGroup ? rng.int(2, 4) : 1;
      const email = !isGroup && chatIndex % 7 === 3;
      for (let k = 0; k < count; k++) members.push(email ? rng.pick(EMAILS) : nextContact());
      const service: ServiceName = isGroup || email ? 'iMessage' : rng.pick(SERVICES);
      const chat = makeChat(store, p.account.id, p.owner, members, service, createdMs);
      chat.isGroup = isGroup;
      if (isGroup && rng.chance(0.7)) chat.displayName = GROUP_NAMES[chatIndex % 5] ?? null;
      if (isGroup && count > 2) {
        const leaver = chat.handles[chat.handles.length - 1];
        if (leaver) {
          leaver.status = 'left';
          leaver.leftAt = iso(createdMs + 86_400_000);
        }
      }
      chat.isArchived = !isGroup && i === p.direct - 1;
      store.addChat(chat);
      seedMessages(store, chat, big ? 150 : rng.int(4, 26), createdMs);
      chatIndex++;
    }
  }
  return store;
}

const SERVICES: ServiceName[] = ['iMessage', 'iMessage', 'iMessage', 'SMS', 'RCS'];

function makeChat(
  store: Store,
  accountId: AccountRec['id'],
  owner: string,
  members: string[],
  service: ServiceName,
  createdMs: number,
): ChatRec {
  const rng = store.rng;
  const handle = (address: string, isMe: boolean): HandleRec => ({
    v2Id: store.nextHandleV2(),
    uuid: rng.uuid(),
    address,
    service,
    isMe,
    status: 'active',
    joinedAt: iso(createdMs),
    leftAt: null,
  });
  return {
    v2Id: store.nextChatV2(),
    uuid: rng.uuid(),
    accountId,
    ownerNumber: owner,
    displayName: null,
    service,
    isGroup: false,
    isArchived: false,
    handles: [handle(owner, true), ...members.map((m) => handle(m, false))],
    createdAt: iso(createdMs),
    updatedAt: iso(createdMs),
    messages: [],
    idempotency: new Map(),
  };
}
