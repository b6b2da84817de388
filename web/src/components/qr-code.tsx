'use client'
import QRCode from 'qrcode'
import { useEffect, useState } from 'react'

/** A QR code of `text` as an image (drawn in the browser; nothing leaves the page). */
export function QrCode({ text, size = 160 }: { text: string; size?: number }) {
  const [src, setSrc] = useState<string>()
  useEffect(() => {
    let live = true
    QRCode.toDataURL(text, { margin: 1, width: size, errorCorrectionLevel: 'M' }).then((url) => live && setSrc(url))
    return () => {
      live = false
    }
  }, [text, size])
  return src ? (
    // biome-ignore lint/performance/noImgElement: a data: URL made in the browser, nothing to optimise
    <img src={src} width={size} height={size} alt={`QR code of ${text}`} className="qr" data-testid="qr" />
  ) : (
    <div style={{ width: size, height: size }} className="qr" />
  )
}
