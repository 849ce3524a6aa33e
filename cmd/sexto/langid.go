package main

import "sexto/kit/i18n"

// langFromLANGID reads a Windows language identifier: its low ten bits are the primary
// language (0x0c French, 0x09 English).
func langFromLANGID(id uint16) (i18n.Lang, bool) {
	switch id & 0x3ff {
	case 0x0c:
		return i18n.FR, true
	case 0x09:
		return i18n.EN, true
	}
	return i18n.FR, false
}
