/** Spanish: the assistant's lines and the words it recognises. */
import type { LangPack } from './types.ts';

const TALK = '"Talk to a person"';

export const es: LangPack = {
  code: 'es',
  name: 'español',
  lines: {
    smallTalk: {
      greeting: '¡Hola! Pregúnteme sobre {site}: horario, precios, citas y más.',
      thanks: '¡De nada! ¿Algo más en lo que pueda ayudar?',
      ack: 'Me alegro. ¿Algo más?',
      bye: 'Gracias por su visita. ¡Hasta luego!',
      wellbeing: 'Muy bien, ¡gracias por preguntar! ¿En qué puedo ayudarle?',
      identity: `Soy el asistente automático de {site}: respondo con lo que {site} publica. Una persona está a un toque: ${TALK}.`,
    },
    miss: `No lo sé y prefiero no adivinar. Una persona de {site} puede responder: pulse ${TALK}.`,
    rejected: `Siento que no haya ayudado. Prefiero no adivinar: una persona de {site} puede seguir desde aquí: pulse ${TALK}.`,
    repeated: `Es todo lo que sé sobre eso y prefiero no adivinar más. Una persona de {site} puede ayudar: pulse ${TALK}.`,
    person: `Claro. Pulse ${TALK} y alguien de {site} seguirá la conversación, con todo lo que ha escrito.`,
    empty: 'Perdone, no lo he entendido. ¿Qué quiere saber?',
    hours: 'Nuestro horario: {value}',
    serviceArea: 'Nuestra zona de servicio: {value}',
    phone: 'Puede llamarnos al {value}.',
    email: 'Puede escribirnos a {value}.',
    address: 'Estamos en {value}',
    priceList: 'Nuestros precios:',
    price: '{item}: {price}',
    onlyIn: 'Esto solo está publicado en {language}:',
    safetyDefault:
      'Si alguien está en peligro, póngase a salvo ahora y llame al {number}. Si huele a gas o a humo, salga del edificio sin encender ni apagar nada y llame desde fuera.',
    safetyOwn: 'Lo que {site} indica hacer (publicado en {language}):',
    factTitles: {
      hours: 'Horario',
      serviceArea: 'Zona de servicio',
      phone: 'Teléfono',
      email: 'Correo',
      address: 'Dirección',
      contact: 'Contacto',
      prices: 'Precios',
    },
    needs: {
      hours: 'horario',
      serviceArea: 'si damos servicio en su zona',
      phone: 'teléfono',
      email: 'correo electrónico',
      address: 'dirección',
      contact: 'cómo contactarnos',
      prices: 'precios',
      price: 'precio de {item}',
    },
    rejectedNeed: '{need} (respuesta rechazada)',
    personNeed: 'quiere hablar con una persona',
  },
  words: {
    stop:
      'el la los las un una unos unas y o e u pero si de del al en con por para que es son era fue ser estar esta este ' +
      'estan estoy mi mis tu tus su sus yo me te se nos lo le les ustedes usted hola gracias quiero quisiera saber puedo ' +
      'pueden puede podria podrian tienen tiene tienes hay como cual cuales cuando muy mas favor porfa hacer hacen ' +
      'hace necesito necesita algo alguna alguno aqui ahi eso esto ese esa sobre hasta mas menos ya tambien vosotros ' +
      'ustedes dan dais dar aproximadamente cuantos cuantas mucho mucha muchos tengo tenemos soy vais vas voy',
    smallTalk: {
      thanks: 'gracias agradezco muchas mil',
      bye: 'adios chao ciao hasta luego pronto',
      greeting: 'hola buenos buenas dias tardes noches',
      ack: 'vale bien genial perfecto entendido claro bueno entiendo jaja',
    },
    smallTalkPhrases: {
      wellbeing: ['que tal', 'como estas', 'como esta', 'como estan', 'como va', 'como te va', 'todo bien'],
      identity: [
        'eres un bot',
        'eres un robot',
        'eres humano',
        'eres una persona',
        'eres real',
        'quien eres',
        'es un bot',
        'es un robot',
        'hablo con un bot',
        'hablo con una persona',
        'hablo con un robot',
        'eres una maquina',
        'eres ia',
        'es usted un robot',
      ],
    },
    filler: 'de por todo la el a ti usted si muy amable hoy',
    concepts: {
      price: 'precio precios cuesta cuestan costo coste cuanto cobran cobrais tarifa tarifas caro barato vale valen',
      hours: 'horario horarios abren abierto abiertos abre cierran cierra cerrado apertura',
      book: 'cita citas reservar reserva reservo agendar turno',
      refund: 'reembolso reembolsar reembolsan devolucion devuelven devolver',
      pay: 'pagar pago pagos pagan pago',
      warranty: 'garantia garantias garantizan garantizado',
      cancel: 'cancelacion cancelar cancelo anular anulacion',
      emergency: 'urgente urgencia urgencias emergencia emergencias',
      estimate: 'presupuesto presupuestos cotizacion',
      email: 'correo email',
      phone: 'telefono numero movil',
      address: 'direccion ubicados ubicacion donde',
      install: 'instalar instalacion instalan instalais cambiar cambio cambian reemplazar reemplazo sustituir sustitucion poner montar',
      repair: 'reparar reparacion reparaciones reparan arreglar arreglo arreglan',
      parking: 'aparcar aparcamiento estacionamiento estacionar parking',
      insurance: 'seguro seguros aseguradora asegurados',
      service: 'servicio servicios',
      duration: 'tarda tardan tardais duracion dura tiempo',
      rent: 'alquilar alquiler alquilan alquilais alquilo arrendar',
    },
    suffixes: ['aciones', 'acion', 'os', 'as'],
  },
  patterns: {
    rejection: [
      'no me (?:ayuda|ayudas|ayudo|ayudaste|sirve|sirvio|sirven|responde|respondes|respondiste|contesta|contestas)',
      'eso no (?:ayuda|sirve|es lo que (?:pregunte|pedi|quiero|quise decir))|no es lo que (?:pregunte|pedi|quiero)',
      'no es (?:eso|mi pregunta|la respuesta)|no (?:me )?(?:entiendes|entiende|entendiste)|respuesta (?:incorrecta|inutil)',
      'ya (?:me )?lo (?:dijiste|has dicho|dijo)|ya (?:me )?dijiste eso|eso ya lo (?:dijiste|se)|no tiene nada que ver',
      'no (?:has|ha) respondido',
    ],
    shortRejection: ['inutil|no sirve|para nada|incorrecto|nada que ver'],
    person: ['hablar con (?:una |un |el |la |alguien|alguna )?(?:persona|humano|agente|encargado|gerente|alguien)'],
  },
};
