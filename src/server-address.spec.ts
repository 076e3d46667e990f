import type os from 'node:os';
import { serverAddress } from './server-address.js';

describe('where the start says the server is', () => {
  const nic = (address: string, internal = false) => ({ address, family: 'IPv4', internal }) as os.NetworkInterfaceInfo;
  const interfaces = { lo: [nic('127.0.0.1', true)], eth0: [nic('10.11.2.40')], eth1: [nic('192.168.5.7')] };

  it('says localhost on loopback, the machine’s addresses on all of them, and HOST as given otherwise', () => {
    expect(serverAddress('127.0.0.1', 3000, interfaces)).toEqual({ url: 'http://localhost:3000/', note: '' });
    expect(serverAddress('0.0.0.0', 3701, interfaces)).toEqual({
      url: 'http://10.11.2.40:3701/',
      note: ' (nghe trên mọi địa chỉ của máy này: 10.11.2.40, 192.168.5.7)',
    });
    expect(serverAddress('10.11.2.40', 80, interfaces)).toEqual({ url: 'http://10.11.2.40:80/', note: '' });
    expect(serverAddress('fd00::5', 3000, interfaces).url).toBe('http://[fd00::5]:3000/');
  });
});
